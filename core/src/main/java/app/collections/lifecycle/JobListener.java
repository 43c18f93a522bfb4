package app.collections.lifecycle;

import app.collections.auth.Tenant;
import java.util.UUID;

/** Told when an item's analysis job was queued, after the transaction that queued it committed. */
@FunctionalInterface
public interface JobListener {
  void jobQueued(Tenant tenant, UUID itemId);
}
