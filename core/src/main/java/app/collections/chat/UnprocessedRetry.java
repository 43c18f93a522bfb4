package app.collections.chat;

import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Resubmits what a DynamoDB batch call left unprocessed. Under throttling BatchWriteItem and
 * BatchGetItem succeed with part of the batch undone, which the SDK's own retries (for failed
 * calls) do not cover; AWS's advice is to resubmit it with exponential back-off.
 */
final class UnprocessedRetry {
  /**
   * Calls a batch gets, the first included, before it fails: the back-offs between them add up to
   * {@value #BACKOFF_UNIT_MILLIS} × (2¹ + … + 2⁷) = 6.35 s, long enough for on-demand capacity to
   * catch up with a burst, short enough that a turn on a table that stays throttled fails rather
   * than hangs.
   */
  static final int MAX_CALLS = 8;
  /** The back-off before resubmission n (1 to {@value #MAX_CALLS} − 1) is this doubled n times: 50 ms first, 3.2 s last. */
  static final long BACKOFF_UNIT_MILLIS = 25;

  /** How to wait; tests pass one that records the back-offs instead of sleeping through them. */
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  static final UnprocessedRetry STANDARD = new UnprocessedRetry(Thread::sleep);

  private final Sleeper sleeper;

  UnprocessedRetry(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  static long backoffMillis(int resubmission) {
    return BACKOFF_UNIT_MILLIS << resubmission;
  }

  /**
   * Calls {@code call} with {@code batch}, then with what each call returns as unprocessed, until a
   * call leaves nothing.
   *
   * @param call makes the batch call; returns its unprocessed requests, empty when none are
   * @param count how many requests a batch holds, for the message when they never go through
   * @param what what they are, for the same message (e.g. "deletes of ...")
   * @throws IllegalStateException if requests are still unprocessed after {@value #MAX_CALLS} calls
   */
  <B extends Map<String, ?>> void untilProcessed(B batch, UnaryOperator<B> call, ToIntFunction<B> count, String what) {
    B pending = batch;
    for (int calls = 0; !pending.isEmpty(); calls++) {
      if (calls == MAX_CALLS) {
        throw new IllegalStateException("DynamoDB kept " + count.applyAsInt(pending) + " " + what + " unprocessed");
      }
      if (calls > 0) {
        pause(backoffMillis(calls));
      }
      pending = call.apply(pending);
    }
  }

  private void pause(long millis) {
    try {
      sleeper.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
