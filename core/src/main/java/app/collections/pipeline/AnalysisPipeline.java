package app.collections.pipeline;

import app.collections.auth.Tenant;
import app.collections.db.LoggableFailure;
import app.collections.indexing.EmbeddingStep;
import app.collections.items.ItemDao;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.lifecycle.Job;
import app.collections.lifecycle.JobDao;
import app.collections.tracing.JobTracing;
import app.collections.vision.VisionAnalyzers;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an item's jobs, claimed from the queue in PostgreSQL: each job kind is a {@link JobStep},
 * and {@link #STEPS} is an item's path through them. A step that cannot do its work says why
 * ({@link StepFailure}); the job is then retried with backoff while the failure is transient and
 * attempts remain, else failed, and {@link ItemLifecycle} moves the item's status with it. The same
 * code runs in the local worker pool and in the Lambda processor.
 */
public final class AnalysisPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(AnalysisPipeline.class);
  private static final int MAX_ERROR_LENGTH = 500;
  /**
   * An item's path, in order: its pictures (DERIVE, queued with the upload), its analysis (ANALYZE,
   * which reads the preview and queues the next), its vectors (EMBED, which makes it READY).
   */
  public static final List<String> STEPS = List.of(Job.DERIVE, Job.ANALYZE, Job.EMBED);
  /** Doublings of the backoff, at most: stops the shift overflowing a long (maxBackoff caps it long before). */
  private static final int MAX_DOUBLINGS = 20;

  private final JobDao jobs;
  private final ItemLifecycle lifecycle;
  private final AnalysisRecorder recorder;
  private final PipelineConfiguration config;
  private final MetricRegistry metrics;
  private final Map<String, JobStep> steps;

  public AnalysisPipeline(Jdbi jdbi, ItemLifecycle lifecycle, DeriveStep derive, VisionAnalyzers analyzers,
      EmbeddingStep embedding, PipelineConfiguration config, MetricRegistry metrics) {
    this.jobs = jdbi.onDemand(JobDao.class);
    this.lifecycle = lifecycle;
    this.recorder = new AnalysisRecorder(jdbi, lifecycle);
    this.config = config;
    this.metrics = metrics;
    ItemDao items = jdbi.onDemand(ItemDao.class);
    List<JobStep> ordered = List.of(new DeriveJob(items, derive),
        new AnalyzeJob(items, lifecycle, derive, analyzers, recorder), new EmbedJob(embedding));
    this.steps = ordered.stream().collect(Collectors.toUnmodifiableMap(JobStep::kind, Function.identity()));
    if (!ordered.stream().map(JobStep::kind).toList().equals(STEPS)) {
      throw new IllegalStateException("the steps are not STEPS, in its order");
    }
  }

  /** Where analyses are stored; also what loads given analyses (eval) past the vision step. */
  public AnalysisRecorder recorder() {
    return recorder;
  }

  /** Claims and runs the next due job of any tenant. False when there was none. */
  public boolean runNext() {
    Optional<Job> job = jobs.claimNext(leaseSeconds());
    job.ifPresent(this::run);
    return job.isPresent();
  }

  /** Claims and runs the next due job that is not an analysis (DERIVE, EMBED). False when there was none. */
  public boolean runNextShort() {
    Optional<Job> job = jobs.claimNextShort(leaseSeconds());
    job.ifPresent(this::run);
    return job.isPresent();
  }

  /**
   * Runs the item's due jobs in {@link #STEPS} order (its pictures, its analysis, then the
   * embedding that queues): what a queue event asks for. False when there was none.
   */
  public boolean runForItem(Tenant tenant, UUID itemId) {
    boolean ran = false;
    Optional<Job> job;
    while ((job = jobs.claimForItem(tenant, itemId, leaseSeconds())).isPresent()) {
      run(job.get());
      ran = true;
    }
    return ran;
  }

  /** One job, as a trace of its own (its model and embedding calls are its children). */
  void run(Job job) {
    JobTracing.run(job.kind().toLowerCase(Locale.ROOT), job.attempts(), new Tenant(job.userId()), () -> runTraced(job));
  }

  private void runTraced(Job job) {
    Tenant tenant = new Tenant(job.userId());
    JobStep step = steps.get(job.kind());
    String name = step.name();
    try (Timer.Context ignored = metrics.timer("pipeline." + name).time()) {
      if (!step.run(tenant, job)) {
        lifecycle.done(tenant, job);
      }
      metrics.meter("pipeline." + name + ".succeeded").mark();
    } catch (StepFailure e) {
      failed(tenant, job, name, e.getMessage(), e.retryable());
    } catch (RuntimeException e) {
      // A bug or an outage of ours (database, S3): retried like a transient provider failure.
      LOG.error("The {} of item {} failed unexpectedly (attempt {})", name, job.itemId(), job.attempts(),
          LoggableFailure.of(e));
      failed(tenant, job, name, "Internal error while making its " + name, true);
    }
  }

  private void failed(Tenant tenant, Job job, String name, String reason, boolean retryable) {
    String error = truncate(reason);
    if (retryable && job.attempts() < job.maxAttempts()) {
      long delay = backoffMillis(job.attempts());
      LOG.warn("The {} of item {} failed (attempt {} of {}), retrying in {} ms: {}", name, job.itemId(), job.attempts(),
          job.maxAttempts(), delay, error);
      metrics.meter("pipeline." + name + ".retried").mark();
      lifecycle.retrying(tenant, job, error, truncate("Attempt " + job.attempts() + " failed, retrying: " + error), delay);
    } else {
      LOG.warn("The {} of item {} failed for good after {} attempt(s): {}", name, job.itemId(), job.attempts(), error);
      metrics.meter("pipeline." + name + ".failed").mark();
      lifecycle.failed(tenant, job, error);
    }
  }

  private static String truncate(String reason) {
    return reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) : reason;
  }

  long backoffMillis(int attempt) {
    long base = config.getBackoff().toMilliseconds();
    long capped = Math.min(config.getMaxBackoff().toMilliseconds(), base << Math.min(attempt - 1, MAX_DOUBLINGS));
    // Full jitter on the upper half, so a burst of failures does not retry in lockstep.
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  private long leaseSeconds() {
    return Math.max(1, config.getLease().toSeconds());
  }
}
