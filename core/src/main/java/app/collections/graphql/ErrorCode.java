package app.collections.graphql;

/** The {@code extensions.code} values clients can rely on (listed in schema.graphqls). */
public enum ErrorCode {
  UNAUTHENTICATED,
  BAD_USER_INPUT,
  NOT_FOUND,
  /** The feature needs a provider (an API key) this server does not have. */
  PROVIDER_NOT_CONFIGURED,
  /** Another request changed the same thing at the same time (e.g. two messages to one chat); retry. */
  CONFLICT,
  /** The tenant's rate limit is spent; {@code extensions.retryAfter} says in how many seconds to retry. */
  RATE_LIMITED,
  /** A store the request needs (the chat table, the image store) did not answer; retry shortly. */
  UNAVAILABLE,
  GRAPHQL_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED,
  /** The document would cost more than the request's budget (extensions: measure, cost, limit); ask for less. */
  QUERY_TOO_COSTLY,
  /** The request ran past its wall-clock limit and was cancelled (extensions: limitMs). */
  TIMEOUT,
  // The HTTP edge (GraphqlResource, app.collections.http):
  /** An APQ hash this server has not stored; send the query with it once (Apollo's protocol). */
  PERSISTED_QUERY_NOT_FOUND,
  /** Local mode serves only loopback host names (and configured ones): DNS rebinding defence. */
  HOST_NOT_ALLOWED,
  /** A CORS preflight from an origin the configuration does not list. */
  ORIGIN_NOT_ALLOWED,
  INTERNAL;

  /** The one mapping of the services' error vocabulary to client codes. */
  public static ErrorCode of(app.collections.errors.DomainException.Kind kind) {
    return switch (kind) {
      case INVALID_INPUT -> BAD_USER_INPUT;
      case NOT_FOUND -> NOT_FOUND;
      case CONFLICT -> CONFLICT;
      case PROVIDER_NOT_CONFIGURED -> PROVIDER_NOT_CONFIGURED;
      case UNAVAILABLE -> UNAVAILABLE;
    };
  }
}
