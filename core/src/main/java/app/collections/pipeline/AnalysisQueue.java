package app.collections.pipeline;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import app.collections.vision.VisionProvider;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The one way an item's analysis is queued (a new item's, a re-analysis, a retry): the job and the
 * item's PENDING status in one transaction, then the {@link JobListener} (the queue event of
 * production), only once that transaction committed, so no worker looks for a job that is not
 * there yet.
 */
public final class AnalysisQueue {
  private final Jdbi jdbi;
  private final int maxAttempts;
  private final JobListener listener;

  public AnalysisQueue(Jdbi jdbi, int maxAttempts, JobListener listener) {
    this.jdbi = jdbi;
    this.maxAttempts = maxAttempts;
    this.listener = listener;
  }

  /**
   * Queues an analysis of the item with this provider and model (null: the defaults). False, and
   * nothing changed, if one is already queued or running, or the item is not the tenant's.
   */
  public boolean enqueue(Tenant tenant, UUID itemId, VisionProvider provider, String model) {
    return enqueue(tenant, itemId, provider, model, h -> {});
  }

  /**
   * The same, with {@code first} run in the same transaction before it (it writes the item itself,
   * or throws to roll everything back).
   */
  public boolean enqueue(Tenant tenant, UUID itemId, VisionProvider provider, String model,
      HandleConsumer<RuntimeException> first) {
    boolean queued = jdbi.inTransaction(h -> {
      first.useHandle(h);
      return queueIn(h, tenant, itemId, provider, model);
    });
    if (queued) {
      listener.jobQueued(tenant, itemId);
    }
    return queued;
  }

  /**
   * A new upload's jobs, with {@code insert} (which writes the item) in one transaction: its derived
   * images (DERIVE, claimed ahead of analyses, so a grid shows the picture within seconds) and its
   * analysis. False, and nothing written, when {@code insert} throws.
   */
  public boolean enqueueUploaded(Tenant tenant, UUID itemId, HandleConsumer<RuntimeException> insert) {
    return enqueue(tenant, itemId, null, null, h -> {
      insert.useHandle(h);
      h.attach(JobDao.class).enqueue(tenant, UUID.randomUUID(), itemId, Job.DERIVE, null, null, maxAttempts);
    });
  }

  /**
   * Queues the first analysis of an item that {@code insert} writes, PENDING, in the same
   * transaction (the prototype import's): its status and times stay as inserted (an imported item
   * keeps the prototype's updatedAt).
   */
  public void enqueueInserted(Tenant tenant, UUID itemId, HandleConsumer<RuntimeException> insert) {
    jdbi.useTransaction(h -> {
      insert.useHandle(h);
      h.attach(JobDao.class).enqueue(tenant, UUID.randomUUID(), itemId, Job.ANALYZE, null, null, maxAttempts);
    });
    listener.jobQueued(tenant, itemId);
  }

  private boolean queueIn(Handle h, Tenant tenant, UUID itemId, VisionProvider provider, String model) {
    if (!h.attach(JobDao.class).enqueue(tenant, UUID.randomUUID(), itemId, Job.ANALYZE,
        provider == null ? null : provider.id(), model, maxAttempts)) {
      return false;
    }
    h.attach(ItemDao.class).updateStatus(tenant, itemId, ItemStatus.PENDING, null);
    return true;
  }
}
