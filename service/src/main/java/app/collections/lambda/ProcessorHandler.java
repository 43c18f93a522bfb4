package app.collections.lambda;

import app.collections.CollectionsConfiguration;
import app.collections.Wiring;
import app.collections.auth.Tenant;
import app.collections.db.LoggableFailure;
import app.collections.pipeline.AnalysisPipeline;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
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
public final class ProcessorHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
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
    Wiring wiring = new Wiring(config, dataSource, metrics, Jackson.newObjectMapper());
    this.pipeline = wiring.pipeline();
    this.sweepUploads = wiring::sweepUploads;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    try {
      process(input, output, context);
    } finally {
      metricsReporter.report(context == null ? null : context.getAwsRequestId());
    }
  }

  private void process(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = JSON.readTree(input);
    ObjectNode response = JSON.createObjectNode();
    ArrayNode failures = response.putArray("batchItemFailures");
    if (event.has("Records")) {
      for (JsonNode record : event.path("Records")) {
        try {
          JsonNode body = JSON.readTree(record.path("body").asText());
          pipeline.runForItem(new Tenant(body.path("userId").asText()), UUID.fromString(body.path("itemId").asText()));
        } catch (RuntimeException | IOException e) {
          // Reported back to SQS, which redelivers the message (and dead-letters it eventually).
          LOG.error("Message {} failed", record.path("messageId").asText(), LoggableFailure.of(e));
          failures.addObject().put("itemIdentifier", record.path("messageId").asText());
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
    JSON.writeValue(output, response);
  }
}
