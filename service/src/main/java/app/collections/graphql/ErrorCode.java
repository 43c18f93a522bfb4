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
  /** A store the request needs (the chat table, the image store) did not answer; retry shortly. */
  UNAVAILABLE,
  GRAPHQL_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED,
  INTERNAL
}
