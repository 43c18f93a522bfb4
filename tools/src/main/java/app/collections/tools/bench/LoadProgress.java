package app.collections.tools.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a newcomer sees while the bench loads: items done, the rate, and the time left at that rate.
 * The old load printed nothing for 40 minutes.
 */
public final class LoadProgress {
  /** At most one line per this many nanoseconds, so a fast load does not flood the terminal. */
  private static final long EVERY_NANOS = 5_000_000_000L;

  private final long total;
  private final PrintStream out;
  private final long started = System.nanoTime();
  private long done;
  private long printedAt;
  private long lastAt = started;

  public LoadProgress(long total, PrintStream out) {
    this.total = total;
    this.out = out;
  }

  public void advance(int items) {
    done += items;
    long now = System.nanoTime();
    lastAt = now;
    if (now - printedAt >= EVERY_NANOS || done >= total) {
      printedAt = now;
      out.println(line(done, total, (now - started) / 1e9));
    }
  }

  public long done() {
    return done;
  }

  /** Seconds from the start to the last items done. */
  public double seconds() {
    return (lastAt - started) / 1e9;
  }

  public static String line(long done, long total, double seconds) {
    double rate = seconds > 0 ? done / seconds : 0;
    long left = rate > 0 ? Math.round((total - done) / rate) : -1;
    return String.format(Locale.ROOT, "[load] %,d / %,d items (%.0f%%), %,.0f items/s, %s left", done, total,
        100.0 * done / Math.max(total, 1), rate, left < 0 ? "?" : left / 60 + " min " + left % 60 + " s");
  }
}
