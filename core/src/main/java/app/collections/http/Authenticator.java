package app.collections.http;

import app.collections.auth.Tenant;

/**
 * Who is asking: the tenant named by a request's {@code Authorization} header. Throws an
 * {@link ApiException} with code UNAUTHENTICATED when the header does not prove one.
 */
@FunctionalInterface
public interface Authenticator {
  Tenant authenticate(String authorizationHeader);
}
