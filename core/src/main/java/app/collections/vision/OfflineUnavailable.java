package app.collections.vision;

/**
 * The LOCAL provider where the host carries no offline analyser (the Lambda functions: Tesseract
 * and its native libraries are the local host's). An item sent to it fails, permanently and saying
 * what to do, instead of the host refusing to start without a vision key.
 */
final class OfflineUnavailable implements VisionAnalyzer {
  static final String MESSAGE = "the offline analyser runs only in the local host (./dev run); "
      + "set ANTHROPIC_API_KEY or OPENAI_API_KEY for this deployment";

  @Override
  public VisionProvider provider() {
    return VisionProvider.LOCAL;
  }

  @Override
  public String defaultModel() {
    return "none";
  }

  @Override
  public VisionResult analyze(byte[] image, String contentType, String model) throws VisionException {
    throw new VisionException(MESSAGE, false, null);
  }
}
