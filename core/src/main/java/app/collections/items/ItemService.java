package app.collections.items;

import app.collections.logging.LogFields;
import app.collections.auth.Tenant;
import app.collections.storage.ObjectKeys;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deleting an item: its row (with its analyses and embeddings), then its original and its renditions. */
public final class ItemService {
  private static final Logger LOG = LoggerFactory.getLogger(ItemService.class);

  private final ItemDao items;
  private final Consumer<String> deleteObject;

  /** {@code deleteObject} removes one of an item's objects (by key; a missing one is no error) once its row is gone. */
  public ItemService(ItemDao items, Consumer<String> deleteObject) {
    this.items = items;
    this.deleteObject = deleteObject;
  }

  /** False when the tenant has no such item (never had, or it is gone already). */
  public boolean delete(Tenant tenant, UUID id) {
    Item item = items.remove(tenant, id).orElse(null);
    if (item == null) {
      return false;
    }
    // The row goes first: an object without a row is invisible garbage, a row without its object
    // would be a broken item. A failed object delete is logged for cleanup (the key holds the tenant
    // id, which stays out of logs: the item id finds it under the tenant's prefix).
    for (String key : ObjectKeys.all(tenant, id, item.objectKey())) {
      try {
        deleteObject.accept(key);
      } catch (RuntimeException e) {
        LOG.error("Item {} deleted but its object {} was not; delete it by hand", id,
            key.substring(key.lastIndexOf('/') + 1), e);
      }
    }
    LOG.info("Deleted item {} of tenant {}", id, LogFields.tenantHash(tenant));
    return true;
  }
}
