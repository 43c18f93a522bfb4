package app.collections.images;

/** The bytes are not an image we accept; the message says why, for the user. */
public final class RejectedImageException extends Exception {
  public RejectedImageException(String message) {
    super(message, null, false, false);
  }
}
