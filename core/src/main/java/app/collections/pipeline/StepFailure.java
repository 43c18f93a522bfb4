package app.collections.pipeline;

/**
 * Why a job did not do its work, as its item's lastError will say it; {@code retryable} failures
 * (an outage, a rate limit) are tried again with backoff while attempts remain, the others (a
 * refusal, an image that cannot be read) fail at once.
 */
final class StepFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  StepFailure(String reason, boolean retryable, Throwable cause) {
    super(reason, cause);
    this.retryable = retryable;
  }

  boolean retryable() {
    return retryable;
  }
}
