package app.collections.assembly;

import app.collections.CollectionsConfiguration;
import app.collections.images.ImageInspector;
import app.collections.pipeline.AnalysisPipeline;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.pipeline.DeriveStep;
import app.collections.images.Renderer;
import app.collections.places.ReverseGeocoder;
import app.collections.lifecycle.JobListener;
import app.collections.pipeline.JobWakeups;
import app.collections.pipeline.PipelineConfiguration;
import app.collections.pipeline.SqsJobNotifier;
import app.collections.pipeline.WorkerPool;
import app.collections.storage.ImageStore;
import app.collections.uploads.UploadService;
import app.collections.uploads.UploadSweep;
import app.collections.vision.VisionAnalyzers;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Uploads and the durable analysis pipeline: who hears of a queued job (the local workers, or on
 * AWS the processor Lambda through SQS), and the workers themselves when the configuration has any.
 *
 * @param derive makes an item's renditions and reads its capture facts (the DERIVE job, the import, reindex)
 * @param lifecycle every change of an item's status, with its job (queues analyses, then tells {@code jobQueued})
 * @param jobQueued tells the workers or the queue of a job queued outside a request (the prototype import's)
 * @param managed the local workers, for the host to start and stop; empty on Lambda
 */
public record Processing(ImageStore images, VisionAnalyzers analyzers, ItemLifecycle lifecycle, DeriveStep derive,
    AnalysisPipeline pipeline, UploadService uploads, JobListener jobQueued, UploadSweep sweep, List<Managed> managed) {
  private static final Logger LOG = LoggerFactory.getLogger(Processing.class);

  /** {@code analyzers}: the keyed providers, and the local host's offline analyser where it runs. */
  public static Processing create(CollectionsConfiguration config, Persistence db, ImageStore images,
      VisionAnalyzers analyzers, Indexing indexing, MetricRegistry metrics) {
    LOG.info("Vision provider: {} by default", analyzers.defaultProvider().id());
    PipelineConfiguration pipelineConfig = config.getPipeline();
    List<JobListener> listeners = new ArrayList<>();
    JobWakeups wakeups = pipelineConfig.getWorkers() > 0 ? new JobWakeups(pipelineConfig.getWorkers()) : null;
    JobWakeups shortWakeups = wakeups == null ? null : new JobWakeups(1);
    if (wakeups != null) {
      listeners.add(wakeups);
      listeners.add(shortWakeups);
    }
    if (pipelineConfig.getQueueUrl() != null) {
      listeners.add(new SqsJobNotifier(SqsClient.builder()
          .httpClientBuilder(UrlConnectionHttpClient.builder()).build(), pipelineConfig.getQueueUrl()));
    }
    List<JobListener> hearers = List.copyOf(listeners);
    JobListener jobQueued = (tenant, itemId) -> hearers.forEach(l -> l.jobQueued(tenant, itemId));
    ItemLifecycle lifecycle = new ItemLifecycle(db.jdbi(), pipelineConfig.getMaxAttempts(), jobQueued);
    DeriveStep derive = new DeriveStep(db.jdbi(), images, new Renderer(), new ReverseGeocoder(), lifecycle);
    AnalysisPipeline pipeline = new AnalysisPipeline(db.jdbi(), lifecycle, derive, analyzers, indexing.embedding(),
        pipelineConfig, metrics);
    UploadService uploads = new UploadService(db.jdbi(), images, new ImageInspector(), config.getStorage(), lifecycle);
    UploadSweep sweep = new UploadSweep(uploads);
    List<Managed> managed = wakeups == null ? List.of()
        : List.of(new WorkerPool(pipeline, pipelineConfig, wakeups, shortWakeups, sweep));
    return new Processing(images, analyzers, lifecycle, derive, pipeline, uploads, jobQueued, sweep, managed);
  }
}
