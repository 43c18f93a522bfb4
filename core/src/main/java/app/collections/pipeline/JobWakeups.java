package app.collections.pipeline;

import app.collections.lifecycle.JobListener;
import app.collections.auth.Tenant;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Local mode's doorbell: a queued job wakes a sleeping worker of the {@link WorkerPool}. Built
 * before the services that queue jobs and the pool that waits on it, so nothing is joined later.
 */
public final class JobWakeups implements JobListener {
  private final Semaphore permits = new Semaphore(0);
  /** More permits than workers would only make them spin through empty polls. */
  private final int maxPending;

  public JobWakeups(int workers) {
    this.maxPending = Math.max(1, workers);
  }

  @Override
  public void jobQueued(Tenant tenant, UUID itemId) {
    if (permits.availablePermits() < maxPending) {
      permits.release();
    }
  }

  /** Waits until a job is queued or {@code millis} pass; true when woken by a job. */
  boolean await(long millis) throws InterruptedException {
    return permits.tryAcquire(millis, TimeUnit.MILLISECONDS);
  }
}
