package app.collections.auth;

import java.util.Objects;

/**
 * The owner of a collection: the {@code sub} of a verified token. Every DAO method over tenant data
 * takes one, so a query without a tenant does not compile, and it never comes from a request
 * argument.
 */
public record Tenant(String id) {
  /** Cognito subs are UUIDs; dev-issuer subs are user names. Either fits comfortably. */
  public static final int MAX_LENGTH = 128;

  public Tenant {
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("tenant id must be 1.." + MAX_LENGTH + " characters");
    }
  }

  @Override
  public String toString() {
    return "Tenant[" + id + "]";
  }
}
