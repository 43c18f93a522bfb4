package app.collections.lambda;

import app.collections.CollectionsConfiguration;
import app.collections.assembly.Persistence;
import app.collections.assembly.Processing;
import app.collections.auth.Tenant;
import app.collections.db.LoggableFailure;
import app.collections.json.Json;
import app.collections.pipeline.AnalysisPipeline;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production worker: the same {@link AnalysisPipeline} as local mode's worker pool, driven by
 * events. An SQS message ({@code {"userId", "itemId"}}, sent when a job is queued) runs that item's
 * job; delivery is at-least-once, and a job already done is simply not found again. A scheduled
 * event (EventBridge, every minute) runs every due job, which is how backed-off retries and jobs of
 * a crashed invocation (expired lease) get done, and abandoned uploads are finished.
 */
public final class ProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorHandler.class);
  /** Leave this much of the invocation for finishing the job in hand and answering. */
  private static final int RESERVE_MILLIS = 120_000;

  private final AnalysisPipeline pipeline;
  private final Runnable sweepUploads;
  private final EmfReporter metricsReporter;

  public ProcessorHandler() {
    this(ApiHandler.loadConfiguration(ApiHandler.CONFIG_RESOURCE));
  }

  public ProcessorHandler(CollectionsConfiguration config) {
    this(config, System.out::println);
  }

  /** @param metricsOut where the EMF lines go: stdout on Lambda, which CloudWatch Logs reads */
  ProcessorHandler(CollectionsConfiguration config, Consumer<String> metricsOut) {
    IntervalTimerRegistry metrics = new IntervalTimerRegistry();
    this.metricsReporter = new EmfReporter(metrics, "processor", metricsOut, Clock.systemUTC());
    var dataSource = config.getDatabase().build(metrics, "postgres");
    // Only what runs jobs: no GraphQL schema, no token verifier, no chat agent.
    Persistence db = Persistence.over(dataSource, metrics, Json.MAPPER);
    Processing processing = LambdaParts.processing(config, db, LambdaParts.indexing(config, db), metrics);
    this.pipeline = processing.pipeline();
    this.sweepUploads = processing.sweep();
  }

  /**
   * The runtime reads either event into an {@link SQSEvent}: a queue batch has its records, the
   * schedule's EventBridge event (no {@code Records} field) has none.
   */
  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    try {
      return process(event, context);
    } finally {
      metricsReporter.report(context == null ? null : context.getAwsRequestId());
    }
  }

  private SQSBatchResponse process(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    if (event.getRecords() != null) {
      for (SQSEvent.SQSMessage message : event.getRecords()) {
        try {
          JsonNode body = Json.MAPPER.readTree(message.getBody());
          pipeline.runForItem(new Tenant(body.path("userId").asText()), UUID.fromString(body.path("itemId").asText()));
        } catch (RuntimeException | IOException e) {
          // Reported back to SQS, which redelivers the message (and dead-letters it eventually).
          LOG.error("Message {} failed", message.getMessageId(), LoggableFailure.of(e));
          failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        }
      }
    } else {
      sweepUploads.run();
      int ran = 0;
      while (context.getRemainingTimeInMillis() > RESERVE_MILLIS && pipeline.runNext()) {
        ran++;
      }
      LOG.info("Scheduled sweep ran {} due job(s)", ran);
    }
    return new SQSBatchResponse(failures);
  }
}
