package app.collections.testing;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import java.util.Arrays;
import java.util.UUID;

/**
 * An item put in a status for a test's setup, from whatever status it is in: what no code of the
 * service may do (ItemLifecycle makes every change, from the statuses each Transition allows).
 */
public final class ItemStates {
  private static final String[] ANY = Arrays.stream(ItemStatus.values()).map(Enum::name).toArray(String[]::new);

  private ItemStates() {}

  public static void force(ItemDao items, Tenant tenant, UUID id, ItemStatus status, String lastError) {
    if (!items.move(tenant, id, ANY, status, lastError)) {
      throw new IllegalStateException("no item " + id + " of " + tenant);
    }
  }
}
