package app.collections.items;

import app.collections.logging.LogFields;
import app.collections.auth.Tenant;
import app.collections.storage.ObjectKeys;
import java.util.UUID;
import java.util.List;
import java.util.Optional;
import java.time.OffsetDateTime;
import app.collections.paging.Connection;
import app.collections.paging.PageRequest;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewer's items as the API reads and deletes them: one, a page (keyset by creation, newest
 * first), the facets; deleting removes the row (with its analyses and embeddings), then its
 * original and its renditions.
 */
public final class ItemService {
  private static final Logger LOG = LoggerFactory.getLogger(ItemService.class);

  private final ItemDao items;
  private final Consumer<String> deleteObject;

  /** {@code deleteObject} removes one of an item's objects (by key; a missing one is no error) once its row is gone. */
  public ItemService(ItemDao items, Consumer<String> deleteObject) {
    this.items = items;
    this.deleteObject = deleteObject;
  }

  public Optional<Item> find(Tenant tenant, UUID id) {
    return items.find(tenant, id);
  }

  /** A page of the tenant's items that {@code filter} lets through, as a Relay connection. */
  public Connection<Item> page(Tenant tenant, ItemFilter filter, PageRequest page) {
    ItemCursor cursor = page.cursor() == null ? null : ItemCursor.decode(page.cursor());
    OffsetDateTime at = cursor == null ? null : cursor.createdAt();
    UUID id = cursor == null ? null : cursor.id();
    List<Item> rows = page.size() == 0 ? List.of() : page.forward()
        ? items.pageForward(tenant, filter, at, id, page.size() + 1)
        : items.pageBackward(tenant, filter, at, id, page.size() + 1);
    return Connection.of(page, rows, ItemCursor::of, () -> items.count(tenant, filter));
  }

  public List<CategoryCount> categories(Tenant tenant) {
    return items.categories(tenant);
  }

  public List<PlaceCount> places(Tenant tenant) {
    return items.places(tenant);
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
