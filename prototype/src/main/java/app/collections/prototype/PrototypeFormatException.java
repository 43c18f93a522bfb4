package app.collections.prototype;

/**
 * A file of the prototype's folder that is not in the shape the prototype writes: the message names
 * the file, what it should hold and what it holds. Nothing is imported from such a folder.
 */
public final class PrototypeFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PrototypeFormatException(String file, String expected, String found) {
    super(file + " is not what the prototype writes: expected " + expected + ", found " + found);
  }

  public PrototypeFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
