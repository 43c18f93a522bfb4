package app.collections.pipeline;

import app.collections.auth.Tenant;
import app.collections.images.RejectedImageException;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Makes the derived images and capture facts of items that lack them (items from before the
 * DERIVE step existed): part of {@code reindex}, the command and its Lambda action, which stop
 * between items when time runs short and go on where they stopped.
 */
public final class DerivedBackfill {
  private static final Logger LOG = LoggerFactory.getLogger(DerivedBackfill.class);
  /** Items listed per query: each then takes a tenth of a second or so (an S3 read, a decode, two writes). */
  static final int BATCH = 50;

  private final ItemDao items;
  private final DeriveStep derive;

  public DerivedBackfill(Jdbi jdbi, DeriveStep derive) {
    this.items = jdbi.onDemand(ItemDao.class);
    this.derive = derive;
  }

  /** How many items got their derived images, how many could not (logged), and whether none is left. */
  public record Progress(int made, int failed, boolean finished) {}

  public List<String> tenantsLacking() {
    return items.tenantsLackingDerived();
  }

  public Progress run(Tenant tenant, BooleanSupplier keepGoing, IntConsumer progress) {
    int made = 0;
    Set<UUID> failed = new HashSet<>();
    while (keepGoing.getAsBoolean()) {
      List<UUID> batch = items.lackingDerived(tenant, BATCH + failed.size()).stream()
          .filter(id -> !failed.contains(id)).limit(BATCH).toList();
      if (batch.isEmpty()) {
        return new Progress(made, failed.size(), true);
      }
      for (UUID id : batch) {
        if (!keepGoing.getAsBoolean()) {
          return new Progress(made, failed.size(), false);
        }
        Item item = items.find(tenant, id).orElse(null);
        try {
          if (item != null) {
            derive.derive(tenant, item);
            made++;
          }
        } catch (RejectedImageException | NoSuchKeyException e) {
          // Not worth trying again in this run: the image is gone or undecodable.
          LOG.warn("Derived images of item {} cannot be made: {}", id, e.getMessage());
          failed.add(id);
        }
        progress.accept(1);
      }
    }
    return new Progress(made, failed.size(), false);
  }
}
