package app.collections.pipeline;

import app.collections.tracing.JobTracing;
import app.collections.logging.LogFields;
import app.collections.analyses.AnalysisDao;
import app.collections.analyses.NewAnalysis;
import app.collections.auth.Tenant;
import app.collections.db.LoggableFailure;
import app.collections.indexing.EmbeddingStep;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import app.collections.images.RejectedImageException;
import app.collections.vision.VisionAnalyzer;
import app.collections.vision.VisionAnalyzers;
import app.collections.vision.VisionException;
import app.collections.vision.VisionProvider;
import app.collections.vision.VisionResult;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Runs an item's jobs: DERIVE (its renditions and capture facts, {@link DeriveStep}), ANALYZE and
 * EMBED. An analysis claims one, reads the item's preview (never the original: a vision provider
 * takes the preview whole, whatever the upload), asks the vision provider, and stores
 * the new analysis version, its search document, the embedding job and the job's completion in one
 * transaction; the embedding job then makes the item READY (findable in every search mode).
 * Failures retry with backoff while they are transient and attempts remain; otherwise the item is
 * FAILED with the reason. The same code runs in the local worker pool and in the Lambda processor.
 */
public final class AnalysisPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(AnalysisPipeline.class);
  private static final int MAX_ERROR_LENGTH = 500;
  /** What a vision model is given: the preview, always a JPEG ({@link app.collections.images.Rendition#PREVIEW}). */
  private static final String PREVIEW_TYPE = "image/jpeg";

  private final Jdbi jdbi;
  private final JobDao jobs;
  private final ItemDao items;
  private final VisionAnalyzers analyzers;
  private final PipelineConfiguration config;
  private final Timer analysisTimer;
  private final EmbeddingStep embedding;
  private final AnalysisRecorder recorder;
  private final Timer embeddingTimer;
  private final MetricRegistry metrics;
  private final DeriveStep derive;
  private final Timer deriveTimer;

  public AnalysisPipeline(Jdbi jdbi, DeriveStep derive, VisionAnalyzers analyzers, EmbeddingStep embedding,
      PipelineConfiguration config, MetricRegistry metrics) {
    this.derive = derive;
    this.deriveTimer = metrics.timer("pipeline.derive");
    this.embedding = embedding;
    this.recorder = new AnalysisRecorder(jdbi, config.getMaxAttempts());
    this.embeddingTimer = metrics.timer("pipeline.embedding");
    this.jdbi = jdbi;
    this.jobs = jdbi.onDemand(JobDao.class);
    this.items = jdbi.onDemand(ItemDao.class);
    this.analyzers = analyzers;
    this.config = config;
    this.metrics = metrics;
    this.analysisTimer = metrics.timer("pipeline.analysis");
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
   * Runs the item's due jobs (its analysis, then the embedding that queues): what a queue event
   * asks for. False when there was none.
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
    JobTracing.run(job.kind().toLowerCase(java.util.Locale.ROOT), job.attempts(), new Tenant(job.userId()),
        () -> runTraced(job));
  }

  private void runTraced(Job job) {
    if (Job.EMBED.equals(job.kind())) {
      embed(job);
      return;
    }
    if (Job.DERIVE.equals(job.kind())) {
      derive(job);
      return;
    }
    Tenant tenant = new Tenant(job.userId());
    Optional<Item> found = items.find(tenant, job.itemId());
    if (found.isEmpty()) {
      // Deleted while queued: nothing left to analyse.
      jobs.complete(tenant, job.id());
      return;
    }
    Item item = found.get();
    items.updateStatus(tenant, item.id(), ItemStatus.ANALYZING, null);
    try (Timer.Context ignored = analysisTimer.time()) {
      VisionProvider provider = job.provider() == null ? analyzers.defaultProvider() : VisionProvider.ofId(job.provider());
      VisionAnalyzer analyzer = analyzers.get(provider)
          .orElseThrow(() -> new VisionException("The " + provider.id() + " provider is not configured", false, null));
      VisionResult result = analyzer.analyze(preview(tenant, item), PREVIEW_TYPE, job.model());
      store(tenant, item, job, result);
      metrics.meter("pipeline.analysis.succeeded").mark();
      LOG.info("Analysed item {} of tenant {} with {} {} in {} ms (attempt {})", item.id(), LogFields.tenantHash(tenant),
          result.provider().id(), result.model(), result.latencyMs(), job.attempts());
    } catch (VisionException e) {
      failed(tenant, item, job, e.getMessage(), e.retryable());
    } catch (RuntimeException e) {
      // A bug or an outage of ours (database, S3): retry like a transient provider failure.
      LOG.error("Analysis of item {} failed unexpectedly (attempt {})", item.id(), job.attempts(), LoggableFailure.of(e));
      failed(tenant, item, job, "Internal error while analysing", true);
    }
  }

  private byte[] preview(Tenant tenant, Item item) throws VisionException {
    if (item.objectKey() == null) {
      throw new VisionException("The item has no stored image", false, null);
    }
    try (Timer.Context ignored = deriveTimer.time()) {
      return derive.preview(tenant, item);
    } catch (NoSuchKeyException e) {
      throw new VisionException("The stored image is missing", false, e);
    } catch (RejectedImageException e) {
      throw new VisionException("The image could not be read: " + e.getMessage(), false, e);
    } catch (SdkException e) {
      throw new VisionException("The image store is unavailable", true, e);
    }
  }

  /**
   * A DERIVE job: the item's renditions and capture facts. A failure changes no status (the item's
   * analysis makes the preview itself if it must); it is retried like any job, and an image that
   * cannot be decoded fails the job at once.
   */
  private void derive(Job job) {
    Tenant tenant = new Tenant(job.userId());
    Optional<Item> item = items.find(tenant, job.itemId());
    try (Timer.Context ignored = deriveTimer.time()) {
      if (item.isPresent() && item.get().objectKey() != null) {
        derive.derive(tenant, item.get());
      }
      jobs.complete(tenant, job.id());
    } catch (RejectedImageException | NoSuchKeyException e) {
      LOG.warn("Derived images of item {} cannot be made: {}", job.itemId(), e.getMessage());
      jobs.fail(tenant, job.id(), truncate("Derived images cannot be made: " + e.getMessage()));
    } catch (RuntimeException e) {
      String error = truncate("Derived images failed: " + e);
      if (job.attempts() < job.maxAttempts()) {
        LOG.warn("Derived images of item {} failed (attempt {} of {}), retrying: {}", job.itemId(), job.attempts(),
            job.maxAttempts(), e.toString());
        jobs.retryLater(tenant, job.id(), error, backoffMillis(job.attempts()));
      } else {
        LOG.error("Derived images of item {} failed for good after {} attempts", job.itemId(), job.attempts(),
            LoggableFailure.of(e));
        jobs.fail(tenant, job.id(), error);
      }
    }
  }

  private void store(Tenant tenant, Item item, Job job, VisionResult result) {
    JsonNode analysis = result.analysis();
    List<String> subcategories = new ArrayList<>();
    analysis.path("subcategories").forEach(s -> subcategories.add(s.asText()));
    NewAnalysis row = new NewAnalysis(UUID.randomUUID(), item.id(), result.provider().id(), result.model(),
        analysis.path("category").asText(null), subcategories, analysis.path("headline").asText(null),
        analysis.path("summary").asText(null), analysis, result.rawReply(), result.inputTokens(),
        result.outputTokens(), (int) result.latencyMs());
    recorder.record(tenant, row, job.id());
  }

  /**
   * An EMBED job, which makes the item READY: failures are retried like analyses (the item stays
   * ANALYZING, with the reason); once attempts run out the item is FAILED, and retryItem analyses
   * it again.
   */
  private void embed(Job job) {
    Tenant tenant = new Tenant(job.userId());
    try (Timer.Context ignored = embeddingTimer.time()) {
      embedding.embed(tenant, job.itemId());
      jobs.complete(tenant, job.id());
    } catch (RuntimeException e) {
      String error = "Embedding failed: " + e.getMessage();
      if (job.attempts() < job.maxAttempts()) {
        LOG.warn("Embedding item {} failed (attempt {} of {}), retrying: {}", job.itemId(), job.attempts(),
            job.maxAttempts(), e.toString());
        jdbi.useTransaction(h -> {
          h.attach(JobDao.class).retryLater(tenant, job.id(), truncate(error), backoffMillis(job.attempts()));
          h.attach(ItemDao.class).updateStatus(tenant, job.itemId(), ItemStatus.ANALYZING,
              truncate("Attempt " + job.attempts() + " failed, retrying: " + error));
        });
      } else {
        LOG.error("Embedding item {} failed for good after {} attempts", job.itemId(), job.attempts(), LoggableFailure.of(e));
        jdbi.useTransaction(h -> {
          h.attach(JobDao.class).fail(tenant, job.id(), truncate(error));
          h.attach(ItemDao.class).updateStatus(tenant, job.itemId(), ItemStatus.FAILED, truncate(error));
        });
      }
    }
  }

  private static String truncate(String reason) {
    return reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) : reason;
  }

  private void failed(Tenant tenant, Item item, Job job, String reason, boolean retryable) {
    String error = truncate(reason);
    if (retryable && job.attempts() < job.maxAttempts()) {
      long delay = backoffMillis(job.attempts());
      LOG.warn("Analysis of item {} failed (attempt {} of {}), retrying in {} ms: {}", item.id(), job.attempts(),
          job.maxAttempts(), delay, error);
      metrics.meter("pipeline.analysis.retried").mark();
      jdbi.useTransaction(h -> {
        h.attach(JobDao.class).retryLater(tenant, job.id(), error, delay);
        h.attach(ItemDao.class).updateStatus(tenant, item.id(), ItemStatus.PENDING,
            "Attempt " + job.attempts() + " failed, retrying: " + error);
      });
    } else {
      LOG.warn("Analysis of item {} failed for good after {} attempt(s): {}", item.id(), job.attempts(), error);
      metrics.meter("pipeline.analysis.failed").mark();
      jdbi.useTransaction(h -> {
        h.attach(JobDao.class).fail(tenant, job.id(), error);
        h.attach(ItemDao.class).updateStatus(tenant, item.id(), ItemStatus.FAILED, error);
      });
    }
  }

  /** Doublings of the backoff, at most: stops the shift overflowing a long (maxBackoff caps it long before). */
  private static final int MAX_DOUBLINGS = 20;

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
