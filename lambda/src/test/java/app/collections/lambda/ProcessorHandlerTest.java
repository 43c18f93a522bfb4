package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.CollectionsConfiguration;
import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import app.collections.items.NewItem;
import app.collections.json.Json;
import app.collections.lifecycle.JobDao;
import app.collections.storage.ImageStore;
import app.collections.local.LocalS3Server;
import app.collections.embeddings.EmbeddingDao;
import app.collections.testing.FakeVisionProvider;
import app.collections.testing.FakeVoyage;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The processor Lambda, invoked in-process with SQS and scheduled events, as AWS would. */
class ProcessorHandlerTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir static Path s3Dir;

  static FakeVisionProvider provider;
  static FakeVoyage voyage;
  static LocalS3Server s3;
  static ImageStore images;
  static ProcessorHandler handler;
  static CollectionsConfiguration config;
  private final Tenant tenant = new Tenant("lambda-user");

  @BeforeAll
  static void start() throws Exception {
    provider = new FakeVisionProvider();
    voyage = new FakeVoyage();
    s3 = new LocalS3Server(s3Dir, 0);
    s3.start();
    config = ProductionConfig.load(db,
        Map.of("ANTHROPIC_API_KEY", "test-anthropic-key", "VOYAGE_BASE_URL", voyage.url()));
    config.getVision().getAnthropic().setBaseUrl(provider.anthropicUrl());
    // S3 is the local server here; on AWS the function's role and the default endpoint.
    config.getStorage().setEndpoint(s3.endpoint());
    config.getStorage().setAccessKey(LocalS3Server.ACCESS_KEY);
    config.getStorage().setSecretKey(LocalS3Server.SECRET_KEY);
    images = ImageStore.create(config.getStorage());
    images.createBucketIfMissing();
    handler = new ProcessorHandler(config);
  }

  @AfterAll
  static void stop() throws Exception {
    provider.close();
    voyage.close();
    s3.stop();
  }

  @Test
  void anSqsMessageRunsTheItemsJobAndARedeliveryDoesNothingMore() throws Exception {
    UUID item = queuedItem(0);
    String event = sqsEvent(Map.of("userId", tenant.id(), "itemId", item.toString()));

    JsonNode response = invoke(event);
    assertThat(response.path("batchItemFailures")).isEmpty();
    assertThat(db.jdbi().onDemand(ItemDao.class).find(tenant, item).orElseThrow().status()).isEqualTo(ItemStatus.READY);
    // The same message then ran the embedding the analysis queued, with VoyageAI as on AWS: one
    // vector for the whole document and one for its gist.
    assertThat(db.jdbi().onDemand(EmbeddingDao.class).count(tenant, "voyage-3.5-lite")).isEqualTo(EmbeddingDao.MAX_PARTS);
    assertThat(voyage.requests().getLast().path("input_type").asText()).isEqualTo("document");

    int requests = provider.requestCount();
    invoke(event);
    assertThat(provider.requestCount()).isEqualTo(requests);
  }

  @Test
  void aScheduledEventRunsEveryDueJob() throws Exception {
    UUID first = queuedItem(1);
    UUID second = queuedItem(2);
    invoke("{\"source\": \"aws.events\", \"detail-type\": \"Scheduled Event\", \"detail\": {}}");
    ItemDao items = db.jdbi().onDemand(ItemDao.class);
    assertThat(items.find(tenant, first).orElseThrow().status()).isEqualTo(ItemStatus.READY);
    assertThat(items.find(tenant, second).orElseThrow().status()).isEqualTo(ItemStatus.READY);
  }

  @Test
  void aBadMessageIsReportedBackForRedelivery() throws Exception {
    JsonNode response = invoke(sqsEvent(Map.of("userId", tenant.id(), "itemId", "not-a-uuid")));
    assertThat(response.path("batchItemFailures").findValuesAsText("itemIdentifier")).containsExactly("msg-1");
  }

  @Test
  void reportsTheInvocationsPipelineMetricsAsOneEmbeddedMetricFormatLine() throws Exception {
    java.util.List<String> lines = new java.util.ArrayList<>();
    ProcessorHandler reporting = new ProcessorHandler(config, lines::add);
    UUID item = queuedItem(3);
    invoke(reporting, sqsEvent(Map.of("userId", tenant.id(), "itemId", item.toString())));
    assertThat(db.jdbi().onDemand(ItemDao.class).find(tenant, item).orElseThrow().status()).isEqualTo(ItemStatus.READY);

    assertThat(lines).hasSize(1);
    JsonNode line = Json.MAPPER.readTree(lines.getFirst());
    JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("Collections");
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"function\"]]");
    assertThat(line.path("function").asText()).isEqualTo("processor");
    assertThat(directive.path("Metrics").toString())
        .contains("{\"Name\":\"pipeline.analysis.succeeded\",\"Unit\":\"Count\"}")
        .contains("{\"Name\":\"pipeline.analysis\",\"Unit\":\"Milliseconds\"}")
        .contains("{\"Name\":\"pipeline.embedding\",\"Unit\":\"Milliseconds\"}");
    assertThat(line.path("pipeline.analysis.succeeded").asLong()).isEqualTo(1);
    assertThat(line.path("pipeline.analysis")).hasSize(1);
    assertThat(line.path("pipeline.analysis").get(0).asDouble()).isPositive();
    assertThat(line.has("pipeline.analysis.failed")).isFalse();

    // Nothing ran: nothing to report.
    invoke(reporting, "{\"Records\": []}");
    assertThat(lines).hasSize(1);
  }

  private UUID queuedItem(int index) throws Exception {
    Path image;
    try (var files = Files.list(Fixtures.sharedDir().resolve("eval/images"))) {
      image = files.sorted().toList().get(index);
    }
    UUID id = UUID.randomUUID();
    String key = tenant.id() + "/" + id + "/original.jpg";
    images.write(key, "image/jpeg", Files.readAllBytes(image));
    db.jdbi().onDemand(ItemDao.class).insert(tenant,
        new NewItem(id, "a.jpg", "a.jpg", "image/jpeg", Files.size(image), 589, 1280, key, null));
    db.jdbi().onDemand(JobDao.class).enqueueAnalysis(tenant, id, 3);
    return id;
  }

  private static String sqsEvent(Map<String, String> body) throws Exception {
    return Json.MAPPER.writeValueAsString(Map.of("Records", java.util.List.of(Map.of(
        "messageId", "msg-1",
        "receiptHandle", "AQEB...",
        "body", Json.MAPPER.writeValueAsString(body),
        "attributes", Map.of("ApproximateReceiveCount", "1"),
        "eventSource", "aws:sqs",
        "eventSourceARN", "arn:aws:sqs:eu-west-1:123456789012:collections-jobs",
        "awsRegion", "eu-west-1"))));
  }

  /** The event's JSON read, and the answer written, as the Lambda runtime does for the typed handler. */
  private static JsonNode invoke(String event) throws Exception {
    return invoke(handler, event);
  }

  private static JsonNode invoke(ProcessorHandler handler, String event) throws Exception {
    SQSEvent in = LambdaRuntimeSerialization.of(SQSEvent.class)
        .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    SQSBatchResponse answer = handler.handleRequest(in, new FakeLambdaContext());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LambdaRuntimeSerialization.of(SQSBatchResponse.class).toJson(answer, out);
    return Json.MAPPER.readTree(out.toByteArray());
  }
}
