package app.collections.images;

/**
 * The pictures made from every original, JPEG (sRGB, upright, no metadata): what clients show
 * instead of the original (up to 20 MB and 60 MP), and what the vision models read.
 */
public enum Rendition {
  /**
   * For grids. 512 px on the longer side covers a grid cell on the densest phone screens (a third
   * of a 1290 px-wide iPhone screen is 430 px) and a 4-column desktop grid; at quality 0.8 the
   * labelled 589x1280 screenshots come out at a tenth of their original bytes (RenditionsTest).
   */
  THUMBNAIL("thumbnail", 512, Long.MAX_VALUE, 0.80f),
  /**
   * For the detail view, and what a vision model reads: the largest image Anthropic takes whole.
   * Its vision guide: an image with a long edge over 1568 px, or over about 1,600 tokens (tokens =
   * width x height / 750, so 1.2 megapixels), is scaled down by the API first, adding latency and no
   * quality; the API refuses images over 5 MB or 8000 px a side. 1.15 MP at quality 0.85 stays far
   * under 5 MB for any content. GPT-4o's high detail scales to 2048 px then 768 px on the short
   * side, so it loses nothing either.
   */
  PREVIEW("preview", 1568, 1_150_000, 0.85f);

  private final String name;
  private final int maxEdge;
  private final long maxPixels;
  private final float quality;

  Rendition(String name, int maxEdge, long maxPixels, float quality) {
    this.name = name;
    this.maxEdge = maxEdge;
    this.maxPixels = maxPixels;
    this.quality = quality;
  }

  /** Its name in object keys and in the schema: {@code thumbnail}, {@code preview}. */
  public String id() {
    return name;
  }

  /** JPEG quality, 0 to 1. */
  public float quality() {
    return quality;
  }

  /** Its size for an upright original of {@code original}; never larger than the original. */
  public Size fit(Size original) {
    return original.within(maxEdge, maxPixels);
  }
}
