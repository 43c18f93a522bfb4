package app.collections.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * One turn's run of checkpoints: the checkpoint it builds on ({@code base}, 0 for a new
 * conversation), when it began, and the write id every checkpoint of the run carries. The
 * conversation's META is updated once, by the run's last save, and it is there that a run which
 * turns out to have built on a stale thread is found, and withdrawn by its write id.
 */
public record TurnRun(long base, Instant startedAt, String writeId) {
  public TurnRun {
    if (base < 0) {
      throw new IllegalArgumentException("base must not be negative");
    }
  }

  public static TurnRun from(long base, Clock clock) {
    return new TurnRun(base, clock.instant(), UUID.randomUUID().toString().substring(0, 8));
  }

  /** Whether the run starts the conversation (afresh, also over an expired one with the same id). */
  boolean starts() {
    return base == 0;
  }
}
