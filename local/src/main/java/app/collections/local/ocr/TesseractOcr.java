package app.collections.local.ocr;

import app.collections.vision.VisionException;

import java.awt.image.BufferedImage;
import net.sourceforge.tess4j.Tesseract;
import net.sourceforge.tess4j.TesseractException;

/**
 * Every use of Tess4J, apart from {@link LocalVisionAnalyzer} so that the analyser still loads in a
 * build without Tess4J (the Lambda jar): only an OCR call then fails.
 */
final class TesseractOcr {
  private TesseractOcr() {}

  /**
   * Tesseract's TSV of the image: one row per page, block, paragraph, line and word, with its box
   * and (words) confidence; the layout {@link OcrLayout} reads. {@code languages} as Tesseract
   * takes them ("eng+jpn+kor"). Through Tess4J's own image hand-over: the same recognition through
   * Leptonica's Pix (no resolution set) lost lines such as "To find lockers".
   */
  static String tsv(BufferedImage image, String tessdata, String languages) throws VisionException {
    // A Tesseract instance is not thread-safe and cheap to make; one per call.
    Tesseract tesseract = new Tesseract();
    tesseract.setDatapath(tessdata);
    tesseract.setLanguage(languages);
    tesseract.setVariable("tessedit_create_tsv", "1");
    try {
      return tesseract.doOCR(image);
    } catch (TesseractException | Error e) {
      // UnsatisfiedLinkError when libtesseract is missing: a setup problem, not the image's.
      throw new VisionException("OCR failed: " + e.getMessage(), false, e);
    }
  }
}
