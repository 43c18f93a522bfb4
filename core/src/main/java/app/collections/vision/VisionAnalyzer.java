package app.collections.vision;

/** Turns an image into an analysis in the golden format. */
public interface VisionAnalyzer {
  VisionProvider provider();

  String defaultModel();

  /** {@code model} null means {@link #defaultModel()}. */
  VisionResult analyze(byte[] image, String contentType, String model) throws VisionException;
}
