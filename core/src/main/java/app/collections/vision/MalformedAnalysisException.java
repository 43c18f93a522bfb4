package app.collections.vision;

/** A model's reply that is not an analysis in our format; the message says what is wrong. */
public final class MalformedAnalysisException extends Exception {
  public MalformedAnalysisException(String message) {
    super(message, null, false, false);
  }
}
