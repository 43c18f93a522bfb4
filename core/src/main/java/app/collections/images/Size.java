package app.collections.images;

/** A width and a height in pixels. */
public record Size(int width, int height) {
  public Size {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("a size is positive: " + width + "x" + height);
    }
  }

  public long pixels() {
    return (long) width * height;
  }

  public int longEdge() {
    return Math.max(width, height);
  }

  /** This size turned a quarter (EXIF orientations 5 to 8 swap width and height). */
  public Size transposed() {
    return new Size(height, width);
  }

  /**
   * The largest size of this one's aspect ratio within {@code maxEdge} on the longer side and
   * {@code maxPixels} in all, never larger than this one (a small image is not blown up).
   */
  public Size within(int maxEdge, long maxPixels) {
    double scale = Math.min(1.0, Math.min((double) maxEdge / longEdge(), Math.sqrt((double) maxPixels / pixels())));
    return new Size(Math.max(1, (int) Math.floor(width * scale)), Math.max(1, (int) Math.floor(height * scale)));
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
