package app.collections.graphql;

import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.testing.GraphqlTester;
import app.collections.testing.TestDatabase;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How long the heavy queries take to be refused (parse, validate, cost), through the
 * engine as the resource calls it: tagged {@code benchmark}, so a measurement, not a gate. Run it
 * with {@code mvn -pl service test -Dtest=RefusalLatencyBenchmark -Dbenchmarks.excluded=none};
 * numbers in docs/benchmarks.md ("Refusing heavy queries").
 */
@Tag("benchmark")
class RefusalLatencyBenchmark {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  private static final int WARM_UP = 200;
  private static final int MEASURED = 200;

  static final Map<String, String> QUERIES = Map.of(
      "nested similar (the issue's 120 characters)",
      "{ a:items(first:100){ nodes { similar(first:50){ item { similar(first:50) { item { similar(first:50)"
          + " { score } } } } } } } }",
      "1,000 aliased searches",
      IntStream.range(0, 1000).mapToObj(i -> "s" + i + ": search(query: \"ramen " + i + "\") { totalCount }")
          .collect(Collectors.joining(" ", "{ ", " }")),
      "graphql-js introspection (answered, for scale)", "");

  @Test
  void refusals() throws Exception {
    GraphqlTester graphql = GraphqlTester.withSearch(db.jdbi(), new GraphqlLimits());
    Tenant tenant = new Tenant("bench");
    String introspection = new String(RefusalLatencyBenchmark.class
        .getResourceAsStream("/introspection/graphql-js-16.15.0.graphql").readAllBytes());
    for (Map.Entry<String, String> query : QUERIES.entrySet()) {
      String document = query.getValue().isEmpty() ? introspection : query.getValue();
      for (int i = 0; i < WARM_UP; i++) {
        graphql.run(tenant, document);
      }
      long[] nanos = new long[MEASURED];
      for (int i = 0; i < MEASURED; i++) {
        long started = System.nanoTime();
        var result = graphql.run(tenant, document);
        nanos[i] = System.nanoTime() - started;
        if (!query.getValue().isEmpty()) {
          assertThat(errorCode(result)).isEqualTo("QUERY_TOO_COSTLY");
        }
      }
      Arrays.sort(nanos);
      System.out.printf("%-50s p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms%n", query.getKey(),
          nanos[MEASURED / 2] / 1e6, nanos[MEASURED * 95 / 100] / 1e6, nanos[MEASURED - 1] / 1e6);
    }
  }
}
