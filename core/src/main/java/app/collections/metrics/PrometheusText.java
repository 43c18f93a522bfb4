package app.collections.metrics;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Dropwizard {@link MetricRegistry} in Prometheus' text exposition format (version 0.0.4):
 * counters and meters as counters ({@code _total}; Prometheus computes rates itself), numeric
 * gauges as gauges, histograms as summaries and timers as summaries in seconds, each with the
 * registry's quantiles and a count (Dropwizard keeps no sum, so there is none, as in Prometheus'
 * own Dropwizard bridge). Names become Prometheus names by replacing every character outside
 * {@code [a-zA-Z0-9_:]} with {@code _}; the original name is in the HELP line.
 *
 * <p>Written here (some 100 lines) because no Dropwizard bridge of Prometheus' client resolves
 * from this build's repository, and micrometer's registry would mean a second metrics API.
 */
public final class PrometheusText {
  /** What a scraper should send as Accept and what this answers as Content-Type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Pattern NOT_IN_NAME = Pattern.compile("[^a-zA-Z0-9_:]");
  private static final double NANOS_PER_SECOND = 1e9;
  private static final List<Double> QUANTILES = List.of(0.5, 0.75, 0.95, 0.98, 0.99, 0.999);

  private PrometheusText() {}

  public static String render(MetricRegistry registry) {
    StringBuilder text = new StringBuilder();
    // Two registry names may sanitise to one Prometheus name; the first one wins.
    Set<String> written = new HashSet<>();
    for (Map.Entry<String, Metric> entry : new java.util.TreeMap<>(registry.getMetrics()).entrySet()) {
      String name = entry.getKey();
      Metric metric = entry.getValue();
      switch (metric) {
        case Gauge<?> gauge -> {
          Double value = numeric(gauge);
          if (value != null && written.add(promName(name))) {
            family(text, promName(name), "gauge", name, metric);
            sample(text, promName(name), "", value);
          }
        }
        case Timer timer -> summary(text, written, promName(name) + "_seconds", name, metric, timer.getSnapshot(),
            timer.getCount(), 1 / NANOS_PER_SECOND);
        case Sampling sampling when metric instanceof Counting counting ->
            summary(text, written, promName(name), name, metric, sampling.getSnapshot(), counting.getCount(), 1);
        case Counting counting -> {
          String total = promName(name) + "_total";
          if (written.add(total)) {
            family(text, total, "counter", name, metric);
            sample(text, total, "", counting.getCount());
          }
        }
        default -> { }
      }
    }
    return text.toString();
  }

  private static void summary(StringBuilder text, Set<String> written, String family, String name, Metric metric,
      Snapshot snapshot, long count, double scale) {
    if (!written.add(family)) {
      return;
    }
    family(text, family, "summary", name, metric);
    for (double quantile : QUANTILES) {
      sample(text, family, "{quantile=\"" + quantile + "\"}", snapshot.getValue(quantile) * scale);
    }
    sample(text, family + "_count", "", count);
  }

  private static void family(StringBuilder text, String family, String type, String name, Metric metric) {
    String help = ("Dropwizard " + metric.getClass().getSimpleName() + " " + name)
        .replace("\\", "\\\\").replace("\n", "\\n");
    text.append("# HELP ").append(family).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(family).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder text, String name, String labels, double value) {
    text.append(name).append(labels).append(' ').append(format(value)).append('\n');
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static Double numeric(Gauge<?> gauge) {
    Object value;
    try {
      value = gauge.getValue();
    } catch (RuntimeException e) {
      return null; // a gauge that cannot answer now (a closed pool) is left out, not the whole page
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof Boolean flag) {
      return flag ? 1.0 : 0.0;
    }
    return null;
  }

  private static String promName(String name) {
    String sanitised = NOT_IN_NAME.matcher(name).replaceAll("_");
    return Character.isDigit(sanitised.charAt(0)) ? "_" + sanitised : sanitised;
  }
}
