package app.collections.http;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;

/**
 * The two media types GraphQL over HTTP answers in. The spec's own,
 * {@code application/graphql-response+json}, says with the status code whether the document ran:
 * a response without {@code data} (it did not parse, validate or coerce its variables) is a 400.
 * {@code application/json}, the legacy one, answers 200 to everything that reached the engine.
 */
enum ResponseMediaType {
  GRAPHQL_RESPONSE(new MediaType("application", "graphql-response+json")),
  JSON(MediaType.APPLICATION_JSON_TYPE);

  private final MediaType type;

  ResponseMediaType(MediaType type) {
    this.type = type;
  }

  MediaType withCharset() {
    return type.withCharset("utf-8");
  }

  /**
   * The client's first choice of ours, in its order of preference (JAX-RS sorts the Accept list by
   * quality, then specificity; an absent header is {@code *}{@code /*}): a wildcard means
   * application/json, as the spec says. Empty when neither is acceptable: the only 406.
   */
  static Optional<ResponseMediaType> negotiate(List<MediaType> acceptable) {
    for (MediaType accepted : acceptable) {
      if (refused(accepted)) {
        continue;
      }
      if (!accepted.isWildcardSubtype() && GRAPHQL_RESPONSE.type.isCompatible(accepted)) {
        return Optional.of(GRAPHQL_RESPONSE);
      }
      if (JSON.type.isCompatible(accepted)) {
        return Optional.of(JSON);
      }
    }
    return Optional.empty();
  }

  /** {@code q=0} means "not this one". */
  private static boolean refused(MediaType accepted) {
    String q = accepted.getParameters().get("q");
    try {
      return q != null && Double.parseDouble(q) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
