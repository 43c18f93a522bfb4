package app.collections.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingWindowReservoir;
import com.codahale.metrics.Timer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A registry of each kind of metric, rendered in Prometheus' text format 0.0.4. */
public class PrometheusTextTest {
  /** A sample line: name, optional labels, a value (Go's float syntax, which Prometheus parses). */
  public static final String SAMPLE = "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"})? (NaN|[+-]Inf|-?[0-9.]+(E-?[0-9]+)?)";

  @Test
  void rendersCountersMetersGaugesAndTimersAsPrometheusFamilies() {
    MetricRegistry registry = new MetricRegistry();
    registry.counter("jobs.queued").inc(3);
    registry.meter("graphql.responsesWithErrors").mark(2);
    registry.register("jvm.memory.pools.G1-Eden-Space.usage", (Gauge<Double>) () -> 0.25);
    registry.register("pool.ready", (Gauge<Boolean>) () -> true);
    registry.register("build.version", (Gauge<String>) () -> "1.0"); // not a number: left out
    Timer timer = registry.timer("search.hybrid", () -> new Timer(new SlidingWindowReservoir(10)));
    for (int i = 0; i < 4; i++) {
      timer.update(Duration.ofMillis(250));
    }
    registry.histogram("batch.size", () -> new com.codahale.metrics.Histogram(new SlidingWindowReservoir(10))).update(7);

    String text = PrometheusText.render(registry);
    List<String> lines = text.lines().toList();

    assertThat(lines).contains(
        "# TYPE jobs_queued_total counter", "jobs_queued_total 3",
        "# TYPE graphql_responsesWithErrors_total counter", "graphql_responsesWithErrors_total 2",
        "# TYPE jvm_memory_pools_G1_Eden_Space_usage gauge", "jvm_memory_pools_G1_Eden_Space_usage 0.25",
        "# TYPE pool_ready gauge", "pool_ready 1",
        "# TYPE search_hybrid_seconds summary",
        "search_hybrid_seconds{quantile=\"0.5\"} 0.25", "search_hybrid_seconds{quantile=\"0.99\"} 0.25",
        "search_hybrid_seconds_count 4",
        "# TYPE batch_size summary", "batch_size{quantile=\"0.5\"} 7", "batch_size_count 1");
    assertThat(lines).contains("# HELP search_hybrid_seconds Dropwizard Timer search.hybrid");
    assertThat(text).doesNotContain("build_version");
    // Every line is a comment or a well-formed sample; every family is typed once.
    assertThat(lines).allMatch(line -> line.startsWith("# HELP ") || line.startsWith("# TYPE ") || line.matches(SAMPLE));
    List<String> types = lines.stream().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
    assertThat(types).doesNotHaveDuplicates().hasSize(6);
  }
}
