package app.collections.vision;

import java.awt.image.BufferedImage;
import net.sourceforge.tess4j.Tesseract;
import net.sourceforge.tess4j.TesseractException;

/**
 * Every use of Tess4J, apart from {@link LocalVisionAnalyzer} so that the analyser still loads in a
 * build without Tess4J (the Lambda jar): only an OCR call then fails.
 */
final class TesseractOcr {
  private TesseractOcr() {}

  static String read(BufferedImage image, String tessdata) throws VisionException {
    // A Tesseract instance is not thread-safe and cheap to make; one per call.
    Tesseract tesseract = new Tesseract();
    tesseract.setDatapath(tessdata);
    tesseract.setLanguage("eng");
    try {
      return tesseract.doOCR(image);
    } catch (TesseractException | Error e) {
      // UnsatisfiedLinkError when libtesseract is missing: a setup problem, not the image's.
      throw new VisionException("OCR failed: " + e.getMessage(), false, e);
    }
  }
}
