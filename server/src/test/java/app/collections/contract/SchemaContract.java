package app.collections.contract;

import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlLimits;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.introspection.IntrospectionQuery;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.AstPrinter;
import graphql.schema.GraphQLSchema;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema as API consumers see it, and the rule that guards it: a change that breaks them
 * (graphql-java's {@link SchemaDiff} says BREAKING) must be acknowledged in the changelog by a line
 * {@code BREAKING: Type.field} (or {@code BREAKING: Type} for a change to a type itself).
 */
final class SchemaContract {
  /** {@code BREAKING: Query.search} or {@code BREAKING: SearchMode}, anywhere on a changelog line. */
  private static final Pattern ACKNOWLEDGEMENT = Pattern.compile("BREAKING:\\s*`?([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)`?");

  private SchemaContract() {}

  /**
   * The served schema's SDL, as its introspection answers it (what clients and their tools read),
   * run in process on the executable schema, so no request limit stands in between.
   */
  static String servedSdl() {
    return sdlOf(servedSchema());
  }

  /**
   * The executable schema the engine serves. Features add data fetchers only (schema-first), so
   * the type system is the same with none of them wired.
   */
  static GraphQLSchema servedSchema() {
    return new GraphqlEngine(List.of(), new GraphqlLimits()).schema();
  }

  static String sdlOf(GraphQLSchema schema) {
    ExecutionResult result = GraphQL.newGraphQL(schema).build().execute(IntrospectionQuery.INTROSPECTION_QUERY);
    if (!result.getErrors().isEmpty()) {
      throw new IllegalStateException("introspection failed: " + result.getErrors());
    }
    Map<String, Object> data = result.getData();
    return AstPrinter.printAst(new IntrospectionResultToSchema().createSchemaDefinition(data));
  }

  /** Every breaking change from {@code before} to {@code after} (both SDL). */
  static List<DiffEvent> breakingChanges(String before, String after) {
    CapturingReporter reporter = new CapturingReporter();
    new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(before, after), reporter);
    return reporter.getBreakages();
  }

  /** What names a change in the changelog: the type, and the field when there is one. */
  static String key(DiffEvent event) {
    return event.getFieldName() == null ? event.getTypeName() : event.getTypeName() + "." + event.getFieldName();
  }

  /** The keys the changelog acknowledges. */
  static Set<String> acknowledged(String changelog) {
    Set<String> keys = new LinkedHashSet<>();
    Matcher m = ACKNOWLEDGEMENT.matcher(changelog);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  /** The breaking changes the changelog does not acknowledge, each as "key: reason". */
  static List<String> unacknowledged(String before, String after, String changelog) {
    Set<String> acknowledged = acknowledged(changelog);
    return breakingChanges(before, after).stream()
        .filter(e -> !acknowledged.contains(key(e)))
        .map(e -> key(e) + ": " + e.getReasonMsg())
        .distinct()
        .toList();
  }
}
