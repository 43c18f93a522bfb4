package app.collections.db;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Parses a statement (JSqlParser) and reports every place it could read or write another tenant's
 * rows. Each occurrence of a tenant table must be governed by a conjunctive
 * {@code alias.user_id = :tenant}: in its query block's WHERE, or in the ON of the join that brings
 * it in (not a RIGHT or FULL join's: that side is kept whatever the ON says), reachable from the
 * condition's root through ANDs only (under an OR, a NOT or a CASE it filters nothing for sure).
 * An unqualified {@code user_id} counts only where the occurrence is its block's one FROM item.
 * Every SELECT (subqueries, CTEs, UNION branches, LATERAL), UPDATE (and its FROM), DELETE (and its
 * USING) is a block of its own. An INSERT into a tenant table must write user_id, from
 * {@code :tenant}, in every VALUES row or SELECT branch; ON CONFLICT DO UPDATE must conflict on a
 * target that has user_id (else the row it updates may be another tenant's); and no UPDATE may set
 * user_id to anything but {@code :tenant}.
 *
 * <p>The tree is walked through every field of every node, so a table in a place this class was
 * not taught (FOR UPDATE OF, SELECT INTO, a statement kind it does not know) is found all the same
 * and reported, never passed over. A statement that does not parse is reported too.
 */
final class TenantPredicateChecker {
  static final String USER_ID = "user_id";
  /** Generous: the machines that run the tests have two cores, shared with everything else. */
  private static final long PARSE_TIMEOUT_MILLIS = 60_000;
  /** The parser runs its work on an executor; daemon threads, so one never holds the JVM up. */
  private static final ExecutorService PARSER = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "tenant-predicate-parser");
    thread.setDaemon(true);
    return thread;
  });

  private final Set<String> tenantTables;

  TenantPredicateChecker(Collection<String> tenantTables) {
    this.tenantTables = tenantTables.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** What is wrong with the statement's tenancy, each naming the statement; empty when nothing is. */
  List<String> check(TenantStatement statement) {
    Statement parsed;
    try {
      parsed = parse(statement);
    } catch (Unreadable e) {
      return List.of(statement.name() + ": " + e.getMessage());
    }
    Check check = new Check(statement);
    Tree tree = Tree.of(parsed);
    for (Object block : tree.blocks()) {
      switch (block) {
        case PlainSelect select -> check.select(select);
        case Update update -> check.update(update);
        case Delete delete -> check.delete(delete);
        case Insert insert -> check.insert(insert);
        default -> throw new IllegalStateException(block.getClass().getName());
      }
    }
    for (Table table : tree.tables()) {
      if (isTenantTable(table) && !check.placed.containsKey(table)) {
        check.problems.add(statement.name() + ": names " + table + " where no tenant filter can govern it"
            + " (not a FROM, JOIN, USING, UPDATE or INSERT INTO table of a query block this check knows)");
      }
    }
    // A filter missing from a join group's ON is found once for each table it governs: say it once.
    return List.copyOf(new java.util.LinkedHashSet<>(check.problems));
  }

  /** The tenant tables the statement names anywhere; throws {@link AssertionError} if it does not parse. */
  List<String> tenantTablesNamed(TenantStatement statement) {
    Statement parsed;
    try {
      parsed = parse(statement);
    } catch (Unreadable e) {
      throw new AssertionError(statement.name() + ": " + e.getMessage());
    }
    return Tree.of(parsed).tables().stream().filter(this::isTenantTable).map(Table::getUnquotedName).toList();
  }

  private boolean isTenantTable(Table table) {
    // Schema-qualified or not: public.items is items. Any schema is taken for ours, which only
    // errs towards asking for a filter.
    return table.getUnquotedName() != null && tenantTables.contains(table.getUnquotedName().toLowerCase(Locale.ROOT));
  }

  private static Statement parse(TenantStatement statement) throws Unreadable {
    String sql;
    try {
      sql = JdbiSqlText.render(statement.sql(), statement.attributes());
    } catch (IllegalArgumentException e) {
      throw new Unreadable("cannot be rendered: " + e.getMessage());
    }
    Statements statements;
    try {
      statements = CCJSqlParserUtil.parseStatements(sql, PARSER, p -> p.withTimeOut(PARSE_TIMEOUT_MILLIS));
    } catch (JSQLParserException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new Unreadable("does not parse (JSqlParser) after normalisation: "
          + String.valueOf(cause.getMessage()).lines().findFirst().orElse("") + " in: " + sql);
    }
    // A second statement after a semicolon would be run by PostgreSQL's simple protocol, and by
    // nothing here: one statement per method, as JDBI's @SqlQuery and @SqlUpdate mean it.
    if (statements.size() != 1) {
      throw new Unreadable("is " + statements.size() + " statements, not one: " + sql);
    }
    if (statements.get(0) instanceof UnsupportedStatement) {
      throw new Unreadable("is a statement JSqlParser does not support: " + sql);
    }
    return statements.get(0);
  }

  private static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  /** The problems found in one statement, and the table occurrences its blocks account for. */
  private final class Check {
    final TenantStatement statement;
    final List<String> problems = new ArrayList<>();
    /** Every table occurrence some block owns (identity: the same table twice is two occurrences). */
    final Map<Table, Boolean> placed = new IdentityHashMap<>();

    Check(TenantStatement statement) {
      this.statement = statement;
    }

    void select(PlainSelect select) {
      Scope scope = new Scope();
      scope.add(select.getFromItem(), List.of());
      scope.addJoins(select.getJoins(), List.of());
      requireFilters(scope, select.getWhere(), "SELECT");
    }

    void update(Update update) {
      Scope scope = new Scope();
      scope.add(update.getTable(), List.of());
      scope.addJoins(update.getStartJoins(), List.of());
      scope.add(update.getFromItem(), List.of());
      scope.addJoins(update.getJoins(), List.of());
      requireFilters(scope, update.getWhere(), "UPDATE");
      checkUserIdAssignments(update.getUpdateSets(), "UPDATE " + update.getTable());
    }

    void delete(Delete delete) {
      Scope scope = new Scope();
      scope.add(delete.getTable(), List.of());
      if (delete.getTables() != null) {
        delete.getTables().forEach(t -> scope.add(t, List.of()));
      }
      if (delete.getUsingList() != null) {
        delete.getUsingList().forEach(t -> scope.add(t, List.of()));
      }
      scope.addJoins(delete.getJoins(), List.of());
      requireFilters(scope, delete.getWhere(), "DELETE");
    }

    void insert(Insert insert) {
      Table target = insert.getTable();
      placed.put(target, true);
      if (!isTenantTable(target)) {
        return;
      }
      String what = "INSERT INTO " + target;
      List<String> columns = insert.getColumns() == null ? List.of()
          : insert.getColumns().stream().map(c -> c.getUnquotedColumnName().toLowerCase(Locale.ROOT)).toList();
      int userId = columns.indexOf(USER_ID);
      if (columns.isEmpty()) {
        problems.add(statement.name() + ": " + what + " lists no columns, so what user_id gets cannot be told");
      } else if (userId < 0) {
        problems.add(statement.name() + ": " + what + " does not write user_id");
      } else {
        insertedRows(insert.getSelect(), what).forEach(row -> {
          Expression value = userId < row.size() ? row.get(userId) : null;
          if (!isTenantParameter(value)) {
            problems.add(statement.name() + ": " + what + " writes user_id from " + value + ", not from "
                + tenantNames());
          }
        });
      }
      if (insert.getConflictAction() != null
          && insert.getConflictAction().getConflictActionType() == ConflictActionType.DO_UPDATE) {
        InsertConflictTarget conflict = insert.getConflictTarget();
        boolean onUserId = conflict != null && conflict.getConstraintName() == null
            && conflict.getIndexColumnNames() != null && conflict.getIndexColumnNames().stream().anyMatch(c -> unquote(c).equalsIgnoreCase(USER_ID));
        if (!onUserId) {
          problems.add(statement.name() + ": " + what + " ON CONFLICT DO UPDATE does not conflict on user_id,"
              + " so the row it updates may be another tenant's");
        }
        checkUserIdAssignments(insert.getConflictAction().getUpdateSets(), what + " ON CONFLICT DO UPDATE");
      }
    }

    /** Each row an INSERT writes, as its expressions in column order: VALUES rows or SELECT branches. */
    private List<List<Expression>> insertedRows(Select source, String what) {
      List<List<Expression>> rows = new ArrayList<>();
      switch (source) {
        case null -> problems.add(statement.name() + ": " + what + " has no VALUES or SELECT this check reads");
        case Values values -> {
          ExpressionList<?> list = values.getExpressions();
          if (list instanceof ParenthesedExpressionList<?>
              && list.stream().noneMatch(e -> e instanceof ExpressionList<?>)) {
            rows.add(List.copyOf(list)); // VALUES (a, b): one row
          } else {
            for (Expression row : list) {
              rows.add(row instanceof ExpressionList<?> l ? List.copyOf(l) : List.of(row));
            }
          }
        }
        case PlainSelect select -> {
          List<Expression> row = new ArrayList<>();
          for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getExpression() instanceof AllColumns || item.getExpression() instanceof AllTableColumns) {
              problems.add(statement.name() + ": " + what + " inserts SELECT *, so what user_id gets cannot be told");
              return rows;
            }
            row.add(item.getExpression());
          }
          rows.add(row);
        }
        case SetOperationList union -> union.getSelects().forEach(branch -> rows.addAll(insertedRows(branch, what)));
        case ParenthesedSelect parenthesed -> rows.addAll(insertedRows(parenthesed.getSelect(), what));
        default -> problems.add(statement.name() + ": " + what + " inserts from a " + source.getClass().getSimpleName()
            + ", which this check does not read");
      }
      return rows;
    }

    private void checkUserIdAssignments(List<UpdateSet> sets, String what) {
      if (sets == null) {
        return;
      }
      for (UpdateSet set : sets) {
        for (int i = 0; i < set.getColumns().size(); i++) {
          if (!set.getColumn(i).getUnquotedColumnName().equalsIgnoreCase(USER_ID)) {
            continue;
          }
          Expression value = set.getValues().size() == set.getColumns().size() ? set.getValue(i) : null;
          boolean keepsTenant = isTenantParameter(value)
              || value instanceof Column c && c.getUnquotedColumnName().equalsIgnoreCase(USER_ID)
                  && "excluded".equalsIgnoreCase(c.getUnquotedTableName());
          if (!keepsTenant) {
            problems.add(statement.name() + ": " + what + " sets user_id to " + (value == null ? set.getValues() : value)
                + ", not " + tenantNames());
          }
        }
      }
    }

    /** Reports each tenant table of the block that no conjunct of its WHERE or own ON filters. */
    private void requireFilters(Scope scope, Expression where, String block) {
      List<Expression> whereConjuncts = conjuncts(where);
      reportForeignTenantComparisons(whereConjuncts);
      for (Occurrence occurrence : scope.occurrences) {
        placed.put(occurrence.table(), true);
        reportForeignTenantComparisons(occurrence.on());
        if (!isTenantTable(occurrence.table())) {
          continue;
        }
        boolean alone = scope.itemCount == 1;
        boolean filtered = whereConjuncts.stream().anyMatch(c -> filters(c, occurrence, alone))
            || occurrence.on().stream().anyMatch(c -> filters(c, occurrence, alone));
        if (!filtered) {
          Table t = occurrence.table();
          problems.add(statement.name() + ": " + t + " (" + block + ") has no conjunctive `" + reference(t)
              + ".user_id = " + tenantNames() + "` in its WHERE or its join's ON");
        }
      }
    }

    /** A {@code user_id = :x} with x not bound from a Tenant looks like a filter and is none. */
    private void reportForeignTenantComparisons(List<Expression> conjuncts) {
      for (Expression conjunct : conjuncts) {
        if (conjunct instanceof EqualsTo equals) {
          for (Expression[] sides : List.of(new Expression[] {equals.getLeftExpression(), equals.getRightExpression()},
              new Expression[] {equals.getRightExpression(), equals.getLeftExpression()})) {
            if (isUserId(sides[0]) && unwrap(sides[1]) instanceof JdbcNamedParameter p
                && !statement.tenantParameters().contains(p.getName())) {
              problems.add(statement.name() + ": compares user_id with :" + p.getName()
                  + ", which is not bound from a Tenant parameter (those are " + tenantNames() + ")");
            }
          }
        }
      }
    }

    private boolean filters(Expression conjunct, Occurrence occurrence, boolean alone) {
      if (!(conjunct instanceof EqualsTo equals)) {
        return false;
      }
      return refersTo(equals.getLeftExpression(), occurrence.table(), alone) && isTenantParameter(equals.getRightExpression())
          || refersTo(equals.getRightExpression(), occurrence.table(), alone) && isTenantParameter(equals.getLeftExpression());
    }

    private boolean isTenantParameter(Expression expression) {
      return unwrap(expression) instanceof JdbcNamedParameter p && statement.tenantParameters().contains(p.getName());
    }

    private String tenantNames() {
      return statement.tenantParameters().stream().sorted().map(n -> ":" + n).collect(Collectors.joining(" or "));
    }
  }

  /** Whether the column is this occurrence's user_id: by its alias, its name, or unqualified when it is alone. */
  private static boolean refersTo(Expression expression, Table table, boolean alone) {
    if (!isUserId(expression)) {
      return false;
    }
    Column column = (Column) unwrap(expression);
    Table qualifier = column.getTable();
    if (qualifier == null || qualifier.getUnquotedName() == null) {
      return alone;
    }
    if (table.getAlias() != null) {
      // Once aliased, PostgreSQL knows the table by its alias only.
      return qualifier.getUnquotedSchemaName() == null
          && qualifier.getUnquotedName().equalsIgnoreCase(unquote(table.getAlias().getName()));
    }
    return qualifier.getUnquotedName().equalsIgnoreCase(table.getUnquotedName())
        && (qualifier.getUnquotedSchemaName() == null
            || qualifier.getUnquotedSchemaName().equalsIgnoreCase(String.valueOf(table.getUnquotedSchemaName())));
  }

  private static boolean isUserId(Expression expression) {
    return unwrap(expression) instanceof Column c && c.getUnquotedColumnName().equalsIgnoreCase(USER_ID);
  }

  private static String reference(Table table) {
    return table.getAlias() != null ? unquote(table.getAlias().getName()) : table.getUnquotedName();
  }

  /** The expressions reachable from the condition's root through ANDs (and parentheses) only. */
  private static List<Expression> conjuncts(Expression condition) {
    List<Expression> out = new ArrayList<>();
    collectConjuncts(condition, out);
    return out;
  }

  private static void collectConjuncts(Expression condition, List<Expression> out) {
    Expression e = unwrap(condition);
    if (e == null) {
      return;
    }
    if (e instanceof AndExpression and) {
      collectConjuncts(and.getLeftExpression(), out);
      collectConjuncts(and.getRightExpression(), out);
    } else {
      out.add(e);
    }
  }

  /** {@code (x)} is x. */
  private static Expression unwrap(Expression expression) {
    Expression e = expression;
    while (true) {
      if (e instanceof Parenthesis p) {
        e = p.getExpression();
      } else if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
        e = list.get(0);
      } else {
        return e;
      }
    }
  }

  private static String unquote(String name) {
    return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
  }

  /** A table of a block, with the ON conjuncts of the join that brings it in (none where they do not govern it). */
  private record Occurrence(Table table, List<Expression> on) {}

  /** A query block's FROM items: its tables, and how many items there are in all (subqueries and functions too). */
  private static final class Scope {
    final List<Occurrence> occurrences = new ArrayList<>();
    int itemCount;

    void add(FromItem item, List<Expression> on) {
      switch (item) {
        case null -> {}
        case Table table -> {
          occurrences.add(new Occurrence(table, on));
          itemCount++;
        }
        case ParenthesedFromItem group -> {
          // (a JOIN b ON ...): its items are this block's, each governed by the outer ON as well.
          add(group.getFromItem(), on);
          addJoins(group.getJoins(), on);
        }
        default -> itemCount++; // a subquery, a function or VALUES: a block of its own, or no table
      }
    }

    void addJoins(List<Join> joins, List<Expression> outerOn) {
      if (joins == null) {
        return;
      }
      for (Join join : joins) {
        List<Expression> on = new ArrayList<>(outerOn);
        // A RIGHT or FULL join keeps every row of its right side whatever the ON says; an inner,
        // cross or LEFT join's ON decides which rows of the right side there are.
        boolean onGovernsRightSide = !join.isRight() && !join.isFull() && !(join.isOuter() && !join.isLeft());
        if (onGovernsRightSide && join.getOnExpressions() != null) {
          join.getOnExpressions().forEach(e -> on.addAll(conjuncts(e)));
        }
        add(join.getRightItem(), on);
      }
    }
  }

  /**
   * Every query block (SELECT, UPDATE, DELETE, INSERT) and every table node of a parsed statement,
   * found by walking every field of every JSqlParser node rather than by a visitor: a construct no
   * visitor method was written for is walked all the same. A column's qualifier is a Table node too
   * and is not a table read, so columns are not walked into.
   */
  private record Tree(List<Object> blocks, List<Table> tables) {
    static Tree of(Statement statement) {
      List<Object> blocks = new ArrayList<>();
      List<Table> tables = new ArrayList<>();
      walk(statement, Collections.newSetFromMap(new IdentityHashMap<>()), node -> {
        if (node instanceof PlainSelect || node instanceof Update || node instanceof Delete || node instanceof Insert) {
          blocks.add(node);
        } else if (node instanceof Table table) {
          tables.add(table);
        }
      });
      return new Tree(blocks, tables);
    }

    private static void walk(Object node, Set<Object> seen, Consumer<Object> visit) {
      if (node == null) {
        return;
      }
      if (node instanceof Collection<?> || node instanceof Map<?, ?> || node.getClass().isArray()) {
        if (!seen.add(node)) {
          return;
        }
        Iterable<?> elements = node instanceof Map<?, ?> map ? map.values()
            : node instanceof Collection<?> c ? c : arrayElements(node);
        elements.forEach(e -> walk(e, seen, visit));
        if (!isParserNode(node)) {
          return; // a JDK collection; JSqlParser's own lists (ExpressionList) have fields to walk too
        }
      } else if (!isParserNode(node) || !seen.add(node)) {
        return;
      }
      visit.accept(node);
      if (node instanceof Column || node instanceof AllTableColumns) {
        return;
      }
      for (Class<?> type = node.getClass(); isParserType(type); type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
            continue;
          }
          field.setAccessible(true);
          try {
            walk(field.get(node), seen, visit);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }

    private static Iterable<?> arrayElements(Object array) {
      if (array.getClass().getComponentType().isPrimitive()) {
        return List.of();
      }
      return java.util.Arrays.asList((Object[]) array);
    }

    /** JSqlParser's syntax tree, not its parser's own nodes and tokens (which point back into the text). */
    private static boolean isParserNode(Object node) {
      return isParserType(node.getClass());
    }

    private static boolean isParserType(Class<?> type) {
      return type != null && type.getName().startsWith("net.sf.jsqlparser.")
          && !type.getName().startsWith("net.sf.jsqlparser.parser.");
    }
  }
}
