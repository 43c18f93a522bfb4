package app.collections.lifecycle;

import app.collections.auth.Tenant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The analysis queue in PostgreSQL. Workers claim with {@code FOR UPDATE SKIP LOCKED} and a lease:
 * a worker that dies leaves a RUNNING job whose lease runs out, and the next claim takes it again.
 */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Job.class)
public interface JobDao {

  /** Queues work of a kind for an item unless a live job of that kind exists. True if this call queued one. */
  @SqlUpdate
  boolean enqueue(Tenant tenant, UUID id, UUID itemId, String kind, String provider, String model, int maxAttempts);

  /** Queues an analysis with the default provider and model. */
  default boolean enqueueAnalysis(Tenant tenant, UUID itemId, int maxAttempts) {
    return enqueue(tenant, UUID.randomUUID(), itemId, Job.ANALYZE, null, null, maxAttempts);
  }

  /**
   * The next runnable job of any tenant, now leased to the caller. Cross-tenant by design: the
   * worker pool serves everyone; every later step uses the job's own tenant.
   */
  @SqlQuery
  Optional<Job> claimNext(long leaseSeconds);

  /** {@link #claimNext}, but never an analysis: the short-jobs worker's (WorkerPool). */
  @SqlQuery
  Optional<Job> claimNextShort(long leaseSeconds);

  /** The live job of one item, leased to the caller: for event-driven processing (Lambda). */
  @SqlQuery
  Optional<Job> claimForItem(Tenant tenant, UUID itemId, long leaseSeconds);

  @SqlUpdate
  void complete(Tenant tenant, UUID id);

  /** Back in the queue after {@code delayMillis}, with the reason of this attempt's failure. */
  @SqlUpdate
  void retryLater(Tenant tenant, UUID id, String error, long delayMillis);

  @SqlUpdate
  void fail(Tenant tenant, UUID id, String error);

  /** The item's newest analysis job, live or finished. */
  @SqlQuery
  Optional<Job> latestForItem(Tenant tenant, UUID itemId);
}
