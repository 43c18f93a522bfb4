package app.collections.storage;

import app.collections.auth.Tenant;
import app.collections.images.ImageFormat;
import app.collections.images.Rendition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where an item's bytes are in the bucket: everything under {@code {tenant}/{item}/}, so a tenant's
 * objects share a prefix (and an IAM or lifecycle rule can name it), and an item's are found
 * without a lookup: the original as uploaded, and its renditions beside it.
 */
public final class ObjectKeys {
  private ObjectKeys() {}

  /** The original: {@code {tenant}/{item}/original.{ext}} (uploads and the prototype import). */
  public static String original(Tenant tenant, UUID itemId, ImageFormat format) {
    return prefix(tenant, itemId) + "original." + format.extension();
  }

  /** A rendition: {@code {tenant}/{item}/thumbnail.jpg}, {@code preview.jpg}. */
  public static String rendition(Tenant tenant, UUID itemId, Rendition rendition) {
    return prefix(tenant, itemId) + rendition.id() + ".jpg";
  }

  /** Every object of an item: its original (as recorded) and its renditions, whether made or not. */
  public static List<String> all(Tenant tenant, UUID itemId, String originalKey) {
    List<String> keys = new ArrayList<>();
    if (originalKey != null) {
      keys.add(originalKey);
    }
    for (Rendition r : Rendition.values()) {
      keys.add(rendition(tenant, itemId, r));
    }
    return keys;
  }

  private static String prefix(Tenant tenant, UUID itemId) {
    return tenant.id() + "/" + itemId + "/";
  }
}
