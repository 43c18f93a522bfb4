package app.collections.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request or a field refused by a tenant's bucket. {@code retryAfter} is the whole seconds until
 * the bucket holds enough again; null when it never will (the request asks for more than a full
 * bucket holds).
 */
public final class RateLimitedException extends ApiException {
  private final Long retryAfterSeconds;

  public RateLimitedException(String message, Long retryAfterSeconds) {
    super(ErrorCode.RATE_LIMITED, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The error's {@code extensions}: the code, and {@code retryAfter} (seconds) when there is one. */
  public Map<String, Object> extensions() {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("code", code().name());
    if (retryAfterSeconds != null) {
      extensions.put("retryAfter", retryAfterSeconds);
    }
    return extensions;
  }

  /** The body of a request refused as a whole (HTTP 429). */
  public Map<String, Object> response() {
    return Map.of("errors", List.of(Map.of("message", getMessage(), "extensions", extensions())));
  }
}
