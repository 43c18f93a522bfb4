package app.collections.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import net.sourceforge.lept4j.Pix;
import net.sourceforge.lept4j.util.LeptUtils;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.TessAPI1;

/**
 * Every use of Tess4J, apart from {@link LocalVisionAnalyzer} so that the analyser still loads in a
 * build without Tess4J (the Lambda jar): only an OCR call then fails.
 */
final class TesseractOcr {
  private TesseractOcr() {}

  /**
   * Tesseract's TSV of the image: one row per page, block, paragraph, line and word, with its box
   * and (words) confidence; the layout {@link OcrLayout} reads. {@code languages} as Tesseract
   * takes them ("eng+jpn+kor").
   */
  static String tsv(BufferedImage image, String tessdata, String languages) throws VisionException {
    TessBaseAPI handle;
    try {
      handle = TessAPI1.TessBaseAPICreate();
    } catch (Error e) {
      // UnsatisfiedLinkError when libtesseract is missing: a setup problem, not the image's.
      throw new VisionException("OCR failed: " + e.getMessage(), false, e);
    }
    Pix pix = null;
    try {
      // A handle is not thread-safe and cheap next to recognition (~30 ms to load three languages):
      // one per call.
      if (TessAPI1.TessBaseAPIInit3(handle, tessdata, languages) != 0) {
        throw new VisionException("OCR failed: Tesseract has no data for " + languages + " in " + tessdata, false,
            null);
      }
      TessAPI1.TessBaseAPISetPageSegMode(handle, TessPageSegMode.PSM_AUTO);
      pix = LeptUtils.convertImageToPix(image);
      TessAPI1.TessBaseAPISetImage2(handle, pix);
      var text = TessAPI1.TessBaseAPIGetTsvText(handle, 0);
      if (text == null) {
        throw new VisionException("OCR failed: Tesseract returned nothing", false, null);
      }
      try {
        return text.getString(0, "UTF-8");
      } finally {
        TessAPI1.TessDeleteText(text);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw new VisionException("OCR failed: " + e.getMessage(), false, e);
    } finally {
      if (pix != null) {
        LeptUtils.disposePix(pix);
      }
      TessAPI1.TessBaseAPIEnd(handle);
      TessAPI1.TessBaseAPIDelete(handle);
    }
  }
}
