package app.collections.lambda;

import com.codahale.metrics.Counting;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reports a Lambda function's metrics as CloudWatch Embedded Metric Format: one JSON line on
 * stdout at the end of an invocation, which CloudWatch Logs turns into metrics (no API call, no
 * extra latency). The line holds what changed since the last one: each counter's and meter's
 * increase, and each timer's durations in milliseconds (CloudWatch computes p50/p99 from them).
 *
 * <p>Only the names under {@link #METRIC_PREFIXES} become CloudWatch metrics (about a dozen,
 * $0.30 each a month); the rest, the per-DAO {@code sql.*} timers (some 50), go into the same line
 * as plain fields that Logs Insights can query at no metric cost.
 *
 * <p>Written here with Jackson rather than with aws-embedded-metrics 4.2.0: that library is a
 * metrics API of its own (what we have is a Dropwizard registry to translate), brings javatuples and
 * its environment detection into the Lambda jar, and would save only the few lines of JSON below.
 * A line per invocation rather than per interval: a container may be frozen for good after any
 * invocation, so anything held back could be lost; lines are 0.3-0.6 KB (the tests'), so 50k
 * requests a month add some 30 MB of logs ($0.02).
 */
final class EmfReporter {
  static final String NAMESPACE = "Collections";
  /** The one dimension: which function, so an alarm names "api" or "processor", not a stack's suffix. */
  static final String DIMENSION = "function";
  /** What becomes a CloudWatch metric (each name is billed); everything else is a log field. */
  static final List<String> METRIC_PREFIXES = List.of("graphql.", "search.", "pipeline.");
  /** EMF allows at most 100 metrics in one directive; more go into further directives. */
  static final int MAX_METRICS_PER_DIRECTIVE = 100;
  private static final double NANOS_PER_MILLI = 1_000_000.0;

  private final IntervalTimerRegistry metrics;
  private final String function;
  private final Consumer<String> out;
  private final Clock clock;
  private final JsonNodeFactory json = JsonNodeFactory.instance;
  /** Each counter's and meter's count at the last report. */
  private final Map<String, Long> reported = new HashMap<>();
  private boolean muted;

  EmfReporter(IntervalTimerRegistry metrics, String function, Consumer<String> out, Clock clock) {
    this.metrics = metrics;
    this.function = function;
    this.out = out;
    this.clock = clock;
  }

  /** Writes one line with what changed since the last report or discard; nothing if nothing did. */
  synchronized void report(String requestId) {
    if (muted) {
      return;
    }
    Map<String, Long> increases = takeIncreases();
    Map<String, long[]> durations = metrics.drainDurations();
    if (increases.isEmpty() && durations.isEmpty()) {
      return;
    }
    ObjectNode line = json.objectNode();
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", clock.millis());
    line.put(DIMENSION, function);
    if (requestId != null) {
      line.put("requestId", requestId);
    }
    List<ObjectNode> definitions = new ArrayList<>();
    increases.forEach((name, increase) -> {
      line.put(name, increase);
      if (isMetric(name)) {
        definitions.add(definition(name, "Count"));
      }
    });
    durations.forEach((name, nanos) -> {
      ArrayNode millis = line.putArray(name);
      for (long value : nanos) {
        millis.add(Math.round(value / NANOS_PER_MILLI * 1000) / 1000.0);
      }
      if (isMetric(name)) {
        definitions.add(definition(name, "Milliseconds"));
      }
    });
    ArrayNode directives = aws.putArray("CloudWatchMetrics");
    for (int from = 0; from < definitions.size(); from += MAX_METRICS_PER_DIRECTIVE) {
      ObjectNode directive = directives.addObject();
      directive.put("Namespace", NAMESPACE);
      directive.putArray("Dimensions").addArray().add(DIMENSION);
      directive.putArray("Metrics").addAll(definitions.subList(from, Math.min(definitions.size(), from + MAX_METRICS_PER_DIRECTIVE)));
    }
    out.accept(line.toString());
  }

  /** Forgets what changed since the last report (what SnapStart priming recorded is not traffic). */
  synchronized void discard() {
    takeIncreases();
    metrics.drainDurations();
  }

  /** Reports nothing until {@link #unmute}; what is recorded meanwhile waits for the next report or discard. */
  synchronized void mute() {
    muted = true;
  }

  synchronized void unmute() {
    muted = false;
  }

  private Map<String, Long> takeIncreases() {
    Map<String, Counting> counted = new TreeMap<>();
    counted.putAll(metrics.getCounters());
    counted.putAll(metrics.getMeters());
    Map<String, Long> increases = new TreeMap<>();
    counted.forEach((name, metric) -> {
      long count = metric.getCount();
      Long last = reported.put(name, count);
      long increase = count - (last == null ? 0 : last);
      if (increase != 0) {
        increases.put(name, increase);
      }
    });
    return increases;
  }

  private static boolean isMetric(String name) {
    return METRIC_PREFIXES.stream().anyMatch(name::startsWith);
  }

  private ObjectNode definition(String name, String unit) {
    ObjectNode definition = json.objectNode();
    definition.put("Name", name);
    definition.put("Unit", unit);
    return definition;
  }
}
