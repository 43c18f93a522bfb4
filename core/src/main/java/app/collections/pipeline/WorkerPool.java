package app.collections.pipeline;

import app.collections.db.LoggableFailure;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's workers: a few threads that run due jobs until there are none, then sleep until
 * woken (a new job) or the poll interval passes (a retry came due), and one more that runs only
 * the short jobs (derived images, embeddings), so a new upload's thumbnail never waits behind
 * model calls that hold every other worker. Lambda uses the pipeline directly instead.
 */
public final class WorkerPool implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final AnalysisPipeline pipeline;
  private final Runnable housekeeping;
  private final int size;
  private final long pollMillis;
  private final JobWakeups wakeups;
  private final JobWakeups shortWakeups;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  /** Housekeeping waits this long between runs: a minute, like the processor Lambda's schedule. */
  static final long HOUSEKEEPING_INTERVAL_NANOS = 60_000_000_000L;

  /**
   * {@code wakeups} rings when a job is queued (the services that queue jobs hold it);
   * {@code housekeeping} runs on the first worker between jobs, about once a minute.
   */
  public WorkerPool(AnalysisPipeline pipeline, PipelineConfiguration config, JobWakeups wakeups,
      JobWakeups shortWakeups, Runnable housekeeping) {
    this.pipeline = pipeline;
    this.wakeups = wakeups;
    this.shortWakeups = shortWakeups;
    this.housekeeping = housekeeping;
    this.size = config.getWorkers();
    this.pollMillis = config.getPollInterval().toMilliseconds();
  }

  @Override
  public void start() {
    running = true;
    for (int i = 0; i < size; i++) {
      boolean first = i == 0;
      Thread thread = Thread.ofPlatform().name("analysis-worker-" + i).daemon()
          .unstarted(() -> loop(pipeline::runNext, wakeups, first));
      threads.add(thread);
      thread.start();
    }
    Thread shortJobs = Thread.ofPlatform().name("short-jobs-worker").daemon()
        .unstarted(() -> loop(pipeline::runNextShort, shortWakeups, false));
    threads.add(shortJobs);
    shortJobs.start();
    LOG.info("Started {} analysis worker(s) and a short-jobs worker", size);
  }

  @Override
  public void stop() throws InterruptedException {
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    threads.clear();
  }

  private void loop(java.util.function.BooleanSupplier runNext, JobWakeups doorbell, boolean housekeeper) {
    long nextHousekeeping = 0;
    while (running) {
      try {
        while (running && runNext.getAsBoolean()) {
          // Keep going while there is work.
        }
        if (housekeeper && System.nanoTime() - nextHousekeeping > 0) {
          housekeeping.run();
          nextHousekeeping = System.nanoTime() + HOUSEKEEPING_INTERVAL_NANOS;
        }
        doorbell.await(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The database is down, say: keep the worker alive and try again after a pause.
        LOG.error("Analysis worker failed; retrying after {} ms", pollMillis, LoggableFailure.of(e));
        try {
          Thread.sleep(pollMillis);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
