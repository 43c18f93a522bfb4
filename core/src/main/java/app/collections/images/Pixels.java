package app.collections.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;

/**
 * The pixel work of making renditions: to opaque sRGB, smaller, upright. Images are kept as
 * 3-byte BGR, the JPEG codec's own layout: the JDK encodes a 1.15 MP preview from it in 25 ms,
 * from packed ints in 29 ms (the conversion runs in Java).
 */
final class Pixels {
  static final int OPAQUE = BufferedImage.TYPE_3BYTE_BGR;

  private Pixels() {}

  /**
   * The image as opaque sRGB: another colour space (a phone's Display P3, a CMYK print file) is
   * converted, transparency is laid over white (a PNG screenshot's clear pixels would turn black
   * in a JPEG).
   */
  static BufferedImage opaqueSrgb(BufferedImage image) {
    BufferedImage source = image;
    if (!image.getColorModel().getColorSpace().isCS_sRGB()) {
      BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(),
          image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : OPAQUE);
      new ColorConvertOp(image.getColorModel().getColorSpace(), ColorSpace.getInstance(ColorSpace.CS_sRGB), null)
          .filter(image, srgb);
      source = srgb;
    }
    if (source.getType() == OPAQUE) {
      return source;
    }
    BufferedImage opaque = new BufferedImage(source.getWidth(), source.getHeight(), OPAQUE);
    Graphics2D g = opaque.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, opaque.getWidth(), opaque.getHeight());
      g.drawImage(source, 0, 0, null);
    } finally {
      g.dispose();
    }
    return opaque;
  }

  /**
   * Scaled to {@code size} by halving (bilinear) while at least twice as large, then one bilinear
   * step: as sharp as bicubic for downscaling by large factors and several times faster; one
   * bilinear step from far larger would skip pixels and alias.
   */
  static BufferedImage scale(BufferedImage image, Size size) {
    BufferedImage current = image;
    while (current.getWidth() / 2 >= size.width() && current.getHeight() / 2 >= size.height()) {
      current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
    }
    if (current.getWidth() == size.width() && current.getHeight() == size.height()) {
      return current;
    }
    return draw(current, size.width(), size.height());
  }

  private static BufferedImage draw(BufferedImage image, int width, int height) {
    BufferedImage scaled = new BufferedImage(width, height, OPAQUE);
    Graphics2D g = scaled.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return scaled;
  }

  /**
   * Turned upright by its EXIF orientation: 1 upright, 2 mirrored, 3 turned half round, 4 flipped,
   * 5 transposed, 6 turned a quarter clockwise, 7 transversed, 8 turned a quarter anticlockwise.
   * Pixel by pixel on the rendition (at most 1.15 MP: a few milliseconds), so each case reads as
   * where pixel (x, y) goes.
   */
  static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean transposed = orientation >= 5;
    int ow = transposed ? h : w;
    int oh = transposed ? w : h;
    int[] from = image.getRGB(0, 0, w, h, null, 0, w);
    int[] to = new int[from.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int tx;
        int ty;
        switch (orientation) {
          case 2 -> { tx = w - 1 - x; ty = y; }
          case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }
          case 4 -> { tx = x; ty = h - 1 - y; }
          case 5 -> { tx = y; ty = x; }
          case 6 -> { tx = h - 1 - y; ty = x; }
          case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }
          default -> { tx = y; ty = w - 1 - x; }
        }
        to[ty * ow + tx] = from[y * w + x];
      }
    }
    BufferedImage upright = new BufferedImage(ow, oh, OPAQUE);
    upright.setRGB(0, 0, ow, oh, to, 0, ow);
    return upright;
  }
}
