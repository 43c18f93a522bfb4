package app.collections.lambda;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Lambda functions' registry: the same metrics the code records everywhere, with timers whose
 * durations {@link EmfReporter} takes per invocation ({@link IntervalReservoir}).
 */
final class IntervalTimerRegistry extends MetricRegistry {
  private final Map<String, IntervalReservoir> reservoirs = new ConcurrentHashMap<>();

  @Override
  public Timer timer(String name) {
    return timer(name, () -> new Timer(reservoirs.computeIfAbsent(name, n -> new IntervalReservoir())));
  }

  /** Each timer's durations (nanoseconds) since the last call, for the timers that recorded any. */
  Map<String, long[]> drainDurations() {
    Map<String, long[]> drained = new TreeMap<>();
    reservoirs.forEach((name, reservoir) -> {
      long[] values = reservoir.drain();
      if (values.length > 0) {
        drained.put(name, values);
      }
    });
    return drained;
  }
}
