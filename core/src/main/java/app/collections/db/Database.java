package app.collections.db;

import app.collections.auth.Tenant;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import java.sql.Types;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Builds the one {@link Jdbi} both hosts use, with the types our DAOs bind and map. */
public final class Database {
  /** The predicate of items(filter:) and search(filter:) over items {@code i}, bound from {@code :f}. */
  static final String ITEM_FILTER = "/app/collections/items/item-filter.sql";

  private Database() {}

  private static String resource(String name) {
    try (java.io.InputStream in = Database.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static Jdbi jdbi(DataSource dataSource, MetricRegistry metrics, ObjectMapper json) {
    Jdbi jdbi = Jdbi.create(dataSource);
    jdbi.installPlugin(new SqlObjectPlugin());
    jdbi.installPlugin(new PostgresPlugin());
    jdbi.registerArgument(new TenantArgumentFactory());
    jdbi.registerArgument(new VectorArgumentFactory());
    jdbi.registerColumnMapper(JsonNode.class, (rs, column, ctx) -> {
      String text = rs.getString(column);
      try {
        return text == null ? null : json.readTree(text);
      } catch (java.io.IOException e) {
        throw new java.sql.SQLException("column " + column + " is not valid JSON", e);
      }
    });
    jdbi.registerColumnMapper(PGvector.class, (rs, column, ctx) -> {
      String text = rs.getString(column);
      return text == null ? null : new PGvector(text);
    });
    // The one item filter predicate (ItemFilter), written <itemFilter> in every statement that filters items.
    jdbi.define("itemFilter", resource(ITEM_FILTER));
    jdbi.setSqlLogger(new TimingSqlLogger(metrics));
    // A failed statement's exception names the statement, never its bound values: they hold users'
    // text (search queries, chat messages) and these messages reach the logs.
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(Database::withoutValues);
    return jdbi;
  }

  /** The DAO method and the SQL with its placeholders; JDBI's default adds the arguments. */
  static String withoutValues(StatementException e) {
    StatementContext context = e.getStatementContext();
    String cause = e.getCause() instanceof java.sql.SQLException sql ? "SQLState " + sql.getSQLState() : "failed";
    if (context == null) {
      return "statement " + cause;
    }
    var method = context.getExtensionMethod();
    String name = method == null ? "adhoc" : method.getType().getSimpleName() + "." + method.getMethod().getName();
    String sql = context.getRenderedSql() == null ? "" : context.getRenderedSql().replaceAll("\\s+", " ").strip();
    return "statement " + name + " " + cause + " [" + (sql.length() > 300 ? sql.substring(0, 300) + "…" : sql) + "]";
  }

  /** A pgvector value binds as the driver's PGobject of type vector. */
  private static final class VectorArgumentFactory extends AbstractArgumentFactory<PGvector> {
    VectorArgumentFactory() {
      super(Types.OTHER);
    }

    @Override
    protected Argument build(PGvector value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setObject(position, value);
    }
  }

  /** A tenant binds as its id; DAOs write {@code user_id = :tenant}. */
  private static final class TenantArgumentFactory extends AbstractArgumentFactory<Tenant> {
    TenantArgumentFactory() {
      super(Types.VARCHAR);
    }

    @Override
    protected Argument build(Tenant value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setString(position, value.id());
    }
  }
}
