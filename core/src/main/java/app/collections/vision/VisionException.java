package app.collections.vision;

/**
 * An analysis that did not happen. {@code retryable} failures (rate limits, provider outages,
 * timeouts) are tried again later with backoff; the others (a bad key, a request the provider
 * refused, a reply that is still not an analysis after a second try) fail the job with this
 * message as the item's reason.
 */
public final class VisionException extends Exception {
  private final boolean retryable;

  public VisionException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
