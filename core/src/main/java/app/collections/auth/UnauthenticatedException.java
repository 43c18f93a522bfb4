package app.collections.auth;

/**
 * A request did not prove who it is. The message is for the client, so it names the kind of
 * failure only: never the token, its claims, or which key was tried.
 */
public final class UnauthenticatedException extends Exception {
  public UnauthenticatedException(String message) {
    super(message, null, false, false);
  }
}
