package app.collections.http;

import app.collections.graphql.ApiException;
import app.collections.graphql.ErrorCode;

import app.collections.auth.JwtVerifier;
import app.collections.auth.Tenant;
import app.collections.auth.UnauthenticatedException;

/** The GraphQL resource's authenticator: a bearer token verified by {@link JwtVerifier}, its tenant its {@code sub}. */
public final class JwtAuthenticator implements Authenticator {
  private final JwtVerifier verifier;

  public JwtAuthenticator(JwtVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public Tenant authenticate(String authorizationHeader) {
    try {
      return verifier.authenticate(authorizationHeader);
    } catch (UnauthenticatedException e) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED, e.getMessage());
    }
  }
}
