package app.collections.vision;

import app.collections.json.Json;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.regex.Pattern;

/**
 * A call to a model provider that did not answer, said the way the item's owner reads it
 * ({@code lastError}), and whether trying again later can help. The one place langchain4j's
 * exceptions are classified.
 *
 * <p>langchain4j 1.19 maps an HTTP error by its status alone (ExceptionMapper.DefaultExceptionMapper:
 * 401/403 AuthenticationException, 404 ModelNotFoundException, 408 TimeoutException, 429
 * RateLimitException, any other 4xx InvalidRequestException, 5xx InternalServerException), each
 * caused by the {@link HttpException} that holds the status and the provider's body; a connection
 * that fails comes as a plain RuntimeException around the IOException. So the status decides here,
 * and the provider's own words come from its error body. That HttpException carries no headers:
 * a 429's Retry-After is out of reach, and the job queue's own backoff paces the retry.
 *
 * <p>A refusal (400, 404, 413, 422: the request itself is wrong) is not retried: the same request
 * is refused the same way, and five refused calls are five calls for nothing (issue 23: an 8.1 MB
 * photo sent five times to Claude, which takes 5 MB an image).
 */
public record ProviderFailure(String message, boolean retryable) {
  /**
   * The provider's own message is cut here: room for Anthropic's longest usual one with its JSON
   * path ("messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: 10842316 bytes
   * > 5242880 bytes", 106 characters) and OpenAI's "You uploaded an unsupported image..." (150).
   */
  static final int MAX_PROVIDER_MESSAGE = 300;
  /**
   * A run of base64 this long in a provider's message is our data echoed back, not words: it is
   * cut out so an image never lands in an item's lastError or the logs. English words and
   * Anthropic's request ids (req_ and 24 characters) are shorter.
   */
  static final int MIN_BASE64_RUN = 40;

  private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=_-]{" + MIN_BASE64_RUN + ",}");
  private static final Pattern CONTROL_OR_SPACES = Pattern.compile("[\\p{Cntrl}\\s]+");
  private static final int HTTP_UNAUTHORIZED = 401;
  private static final int HTTP_FORBIDDEN = 403;
  private static final int HTTP_REQUEST_TIMEOUT = 408;
  private static final int HTTP_TOO_MANY_REQUESTS = 429;
  private static final int HTTP_SERVER_ERRORS = 500;

  /** What {@code failure}, thrown by a langchain4j model of {@code provider}, means. */
  public static ProviderFailure of(VisionProvider provider, RuntimeException failure) {
    String who = provider.id();
    HttpException http = cause(failure, HttpException.class);
    if (http != null) {
      int status = http.statusCode();
      String said = providerMessage(http.getMessage());
      if (status == HTTP_UNAUTHORIZED || status == HTTP_FORBIDDEN) {
        // The body may quote the key (OpenAI masks all but its ends): not repeated.
        return new ProviderFailure(who + " refused the API key (HTTP " + status + ")", false);
      }
      if (status == HTTP_REQUEST_TIMEOUT) {
        return new ProviderFailure(who + " did not answer in time (HTTP 408)", true);
      }
      if (status == HTTP_TOO_MANY_REQUESTS) {
        return new ProviderFailure(who + " is rate limiting requests" + detail(status, said), true);
      }
      if (status >= HTTP_SERVER_ERRORS) {
        // Anthropic's 529 overloaded_error among them.
        return new ProviderFailure(who + " is unavailable" + detail(status, said), true);
      }
      return new ProviderFailure(said == null ? who + " refused the request (HTTP " + status + ")"
          : who + " refused the request: " + said, false);
    }
    if (cause(failure, TimeoutException.class) != null || cause(failure, HttpTimeoutException.class) != null
        || cause(failure, SocketTimeoutException.class) != null) {
      return new ProviderFailure(who + " did not answer in time", true);
    }
    Throwable network = cause(failure, IOException.class);
    if (network == null) {
      network = cause(failure, UnresolvedAddressException.class);
    }
    if (network != null) {
      // Refused or reset connections, DNS hiccups (langchain4j's UnresolvedModelServerException):
      // nothing reached the provider, or no answer came back. The outermost I/O failure names it
      // (ConnectException, not the ClosedChannelException the JDK client finds beneath it).
      return new ProviderFailure(who + " could not be reached (" + network.getClass().getSimpleName() + ")", true);
    }
    if (failure instanceof InternalServerException) {
      // OpenAI's client throws it for a 200 with no choices in it.
      return new ProviderFailure(who + " is unavailable (an empty answer)", true);
    }
    // A reply our client could not read: a proxy's page, or a bug of ours; tried again like an outage.
    return new ProviderFailure("the call to " + who + " failed (" + root(failure).getClass().getSimpleName() + ")", true);
  }

  private static String detail(int status, String said) {
    return " (HTTP " + status + (said == null ? "" : ": " + said) + ")";
  }

  /**
   * The {@code error.message} of an error body, short and safe to show: Anthropic's
   * {@code {"type":"error","error":{"type":...,"message":...}}} and OpenAI's
   * {@code {"error":{"message":...,"type":...,"param":...,"code":...}}} both have one. Null when
   * the body is not JSON (Cloudflare answers an oversized request with an HTML page) or has none.
   */
  static String providerMessage(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    String message;
    try {
      var node = Json.MAPPER.readTree(body).path("error").path("message");
      if (!node.isTextual()) {
        return null;
      }
      message = node.asText();
    } catch (IOException e) {
      return null;
    }
    message = CONTROL_OR_SPACES.matcher(BASE64_RUN.matcher(message).replaceAll("…")).replaceAll(" ").strip();
    if (message.isEmpty()) {
      return null;
    }
    return message.length() > MAX_PROVIDER_MESSAGE ? message.substring(0, MAX_PROVIDER_MESSAGE) + "…" : message;
  }

  private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static Throwable root(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
