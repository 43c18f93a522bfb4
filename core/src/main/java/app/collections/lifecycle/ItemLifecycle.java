package app.collections.lifecycle;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import app.collections.vision.VisionProvider;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The one place an item's status changes: each {@link Transition} as a named method, one
 * transaction over the item and the job it concerns (a method taking a {@link Handle} joins the
 * caller's transaction, whose other writes belong with it). After a transaction that queued work
 * commits, {@link JobListener} hears of it (the local workers, or SQS on AWS), so no worker looks
 * for a job that is not there yet. ArchitectureTest keeps status and job writes here.
 */
public final class ItemLifecycle {
  private final Jdbi jdbi;
  private final int maxAttempts;
  private final JobListener listener;

  public ItemLifecycle(Jdbi jdbi, int maxAttempts, JobListener listener) {
    this.jdbi = jdbi;
    this.maxAttempts = maxAttempts;
    this.listener = listener;
  }

  /**
   * A new upload, with {@code insert} (which writes the item) in one transaction: its derived images
   * (DERIVE, claimed ahead of analyses so a grid shows the picture within seconds) and its analysis.
   */
  public void uploaded(Tenant tenant, UUID itemId, HandleConsumer<RuntimeException> insert) {
    queueAnalysis(tenant, itemId, null, null, h -> {
      insert.useHandle(h);
      queue(h, tenant, itemId, Job.DERIVE, null, null);
    });
  }

  /**
   * An analysis with this provider and model (null: the defaults), and {@code first} before it in
   * the same transaction (it writes the item itself, or throws to roll everything back). False, and
   * nothing changed, if one is already queued or running, or the item is not the tenant's.
   */
  public boolean queueAnalysis(Tenant tenant, UUID itemId, VisionProvider provider, String model,
      HandleConsumer<RuntimeException> first) {
    boolean queued = jdbi.inTransaction(h -> {
      first.useHandle(h);
      if (!queue(h, tenant, itemId, Job.ANALYZE, provider == null ? null : provider.id(), model)) {
        return false;
      }
      move(h, tenant, itemId, Transition.QUEUED, null);
      return true;
    });
    if (queued) {
      listener.jobQueued(tenant, itemId);
    }
    return queued;
  }

  /** {@link #queueAnalysis} with nothing before it: analyzeItem and retryItem. */
  public boolean queueAnalysis(Tenant tenant, UUID itemId, VisionProvider provider, String model) {
    return queueAnalysis(tenant, itemId, provider, model, h -> {});
  }

  /**
   * The first analysis of an item {@code insert} writes as PENDING (the prototype import's), in the
   * same transaction: its times stay as inserted (an imported item keeps the prototype's updatedAt).
   */
  public void imported(Tenant tenant, UUID itemId, HandleConsumer<RuntimeException> insert) {
    jdbi.useTransaction(h -> {
      insert.useHandle(h);
      queue(h, tenant, itemId, Job.ANALYZE, null, null);
    });
    listener.jobQueued(tenant, itemId);
  }

  /** A worker took the item's analysis: ANALYZING. */
  public void analysisStarted(Tenant tenant, UUID itemId) {
    jdbi.useHandle(h -> move(h, tenant, itemId, Transition.ANALYSIS_STARTED, null));
  }

  /**
   * In the caller's transaction, which stored and indexed an analysis: ANALYZING, the analysis job
   * ({@code jobId}, null when none: an import, the eval) done, and the embedding queued.
   */
  public void analysisStored(Handle h, Tenant tenant, UUID itemId, UUID jobId) {
    move(h, tenant, itemId, Transition.ANALYSIS_STORED, null);
    JobDao jobs = h.attach(JobDao.class);
    if (jobId != null) {
      jobs.complete(tenant, jobId);
    }
    queue(h, tenant, itemId, Job.EMBED, null, null);
  }

  /**
   * The status an imported item is created in: PENDING without an analysis (queued by {@link
   * #imported}), else ANALYZING until the import's embedding phase makes it READY. Written by the
   * import's insert, so the item keeps the prototype's times.
   */
  public static ItemStatus importedStatus(boolean analysed) {
    return analysed ? Transition.ANALYSIS_STORED.to() : Transition.QUEUED.to();
  }

  /**
   * New versions imported for an item already here, in the caller's transaction: ANALYZING until
   * the import's embedding phase (no job) makes it READY again.
   */
  public void versionImported(Handle h, Tenant tenant, UUID itemId) {
    move(h, tenant, itemId, Transition.ANALYSIS_STORED, null);
  }

  /** In the caller's transaction, which stored the item's vectors: READY, when {@link Transition#FINDABLE} allows. */
  public static boolean findable(Handle h, Tenant tenant, UUID itemId) {
    return h.attach(ItemDao.class).markFindable(tenant, itemId);
  }

  /** A job done that changes no status (DERIVE, or an EMBED whose item was gone). */
  public void done(Tenant tenant, Job job) {
    jdbi.useHandle(h -> h.attach(JobDao.class).complete(tenant, job.id()));
  }

  /**
   * An attempt of {@code job} failed and attempts are left: the job again after {@code delayMillis},
   * and the item's status as the job's kind says (an analysis PENDING, an embedding still
   * ANALYZING, derived images no change), with {@code note} as its lastError.
   */
  public void retrying(Tenant tenant, Job job, String reason, String note, long delayMillis) {
    jdbi.useTransaction(h -> {
      h.attach(JobDao.class).retryLater(tenant, job.id(), reason, delayMillis);
      switch (job.kind()) {
        case Job.ANALYZE -> move(h, tenant, job.itemId(), Transition.ANALYSIS_RETRYING, note);
        case Job.EMBED -> move(h, tenant, job.itemId(), Transition.EMBEDDING_RETRYING, note);
        default -> { }
      }
    });
  }

  /**
   * {@code job} failed for good: the job FAILED with {@code reason}, and the item FAILED with it
   * unless the job was its derived images (an analysis makes its preview itself).
   */
  public void failed(Tenant tenant, Job job, String reason) {
    jdbi.useTransaction(h -> {
      h.attach(JobDao.class).fail(tenant, job.id(), reason);
      if (!Job.DERIVE.equals(job.kind())) {
        move(h, tenant, job.itemId(), Transition.FAILED_FOR_GOOD, reason);
      }
    });
  }

  /** In the caller's transaction: an embedding of the item queued again (its document changed). */
  public void reembed(Handle h, Tenant tenant, UUID itemId) {
    queue(h, tenant, itemId, Job.EMBED, null, null);
  }

  private boolean queue(Handle h, Tenant tenant, UUID itemId, String kind, String provider, String model) {
    return h.attach(JobDao.class).enqueue(tenant, UUID.randomUUID(), itemId, kind, provider, model, maxAttempts);
  }

  private static boolean move(Handle h, Tenant tenant, UUID itemId, Transition transition, String lastError) {
    return h.attach(ItemDao.class).move(tenant, itemId, transition.fromNames(), transition.to(), lastError);
  }
}
