package app.collections.errors;

/**
 * What services and records throw when a request cannot be done as asked: a kind the client can
 * act on and a message that reaches the client as-is (so it must never carry SQL, stack traces or
 * another tenant's data). It depends on nothing: the GraphQL layer alone maps a kind to its
 * {@code extensions.code} (ApiExceptionHandler), so services know nothing of GraphQL.
 */
public final class DomainException extends RuntimeException {
  /** Why the request failed, from the client's side. */
  public enum Kind {
    /** The request's values are malformed or out of range; fix the request. */
    INVALID_INPUT,
    /** The thing the request names does not exist for this user. */
    NOT_FOUND,
    /** Another request changed the same thing at the same time; retry. */
    CONFLICT,
    /** The feature needs a provider (an API key) this server does not have. */
    PROVIDER_NOT_CONFIGURED,
    /** A store the request needs did not answer; retry shortly. */
    UNAVAILABLE
  }

  private final Kind kind;

  public DomainException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static DomainException invalidInput(String message) {
    return new DomainException(Kind.INVALID_INPUT, message);
  }

  public static DomainException notFound(String message) {
    return new DomainException(Kind.NOT_FOUND, message);
  }

  public static DomainException conflict(String message) {
    return new DomainException(Kind.CONFLICT, message);
  }

  public static DomainException providerNotConfigured(String message) {
    return new DomainException(Kind.PROVIDER_NOT_CONFIGURED, message);
  }

  public static DomainException unavailable(String message) {
    return new DomainException(Kind.UNAVAILABLE, message);
  }
}
