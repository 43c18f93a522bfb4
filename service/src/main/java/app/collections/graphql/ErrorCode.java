package app.collections.graphql;

/** The {@code extensions.code} values clients can rely on (listed in schema.graphqls). */
public enum ErrorCode {
  UNAUTHENTICATED,
  BAD_USER_INPUT,
  NOT_FOUND,
  // The HTTP edge (GraphqlResource, app.collections.http):
  /** An APQ hash this server has not stored; send the query with it once (Apollo's protocol). */
  PERSISTED_QUERY_NOT_FOUND,
  /** Local mode serves only loopback host names (and configured ones): DNS rebinding defence. */
  HOST_NOT_ALLOWED,
  /** A CORS preflight from an origin the configuration does not list. */
  ORIGIN_NOT_ALLOWED,
  /** The feature needs a provider (an API key) this server does not have. */
  PROVIDER_NOT_CONFIGURED,
  /** Another request changed the same thing at the same time (e.g. two messages to one chat); retry. */
  CONFLICT,
  GRAPHQL_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED,
  INTERNAL
}
