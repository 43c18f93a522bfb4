package app.collections.graphql;

/** The {@code extensions.code} values clients can rely on (listed in schema.graphqls). */
public enum ErrorCode {
  UNAUTHENTICATED,
  BAD_USER_INPUT,
  NOT_FOUND,
  GRAPHQL_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED,
  INTERNAL
}
