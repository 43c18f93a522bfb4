package app.collections.lambda;

import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.UniformSnapshot;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A timer's durations since the reporter last took them, for {@link EmfReporter}: CloudWatch
 * computes percentiles from the values themselves, across every container, which percentiles of
 * the default decaying reservoir (one per container, over five minutes) could not give. Past
 * {@link #MAX_VALUES} in one interval it keeps a uniform sample (Vitter's algorithm R); the
 * timer's own count stays exact.
 */
final class IntervalReservoir implements Reservoir {
  /** EMF takes at most 100 values for one metric in one line. */
  static final int MAX_VALUES = 100;

  private final long[] values = new long[MAX_VALUES];
  private int size;
  private long seen;

  @Override
  public synchronized int size() {
    return size;
  }

  @Override
  public synchronized void update(long value) {
    seen++;
    if (size < MAX_VALUES) {
      values[size++] = value;
    } else {
      long slot = ThreadLocalRandom.current().nextLong(seen);
      if (slot < MAX_VALUES) {
        values[(int) slot] = value;
      }
    }
  }

  @Override
  public synchronized Snapshot getSnapshot() {
    return new UniformSnapshot(Arrays.copyOf(values, size));
  }

  /** The values since the last call (a sample past {@link #MAX_VALUES}), and starts a new interval. */
  synchronized long[] drain() {
    long[] drained = Arrays.copyOf(values, size);
    size = 0;
    seen = 0;
    return drained;
  }
}
