package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.agent.AgentTools;
import app.collections.json.Json;
import app.collections.local.LocalS3Server;
import app.collections.storage.ImageStore;
import app.collections.storage.StorageConfiguration;
import app.collections.testing.FakeLlm;
import app.collections.testing.FakeVisionProvider;
import app.collections.testing.FakeVoyage;
import app.collections.testing.Fixtures;
import app.collections.testing.LocalDynamoDbExtension;
import app.collections.testing.TestDatabase;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed shape, run locally (failsafe, after {@code package}): the API and processor
 * functions each in a fresh JVM on the BUILT Lambda jar, configured as the stack configures them
 * (the packaged lambda.yml, the stack's variables, the database credentials and provider keys read
 * from Secrets Manager through {@link SecretsEnvironment}, {@code JAVA_TOOL_OPTIONS}), against
 * PostgreSQL, S3 (the local S3 server), DynamoDB (dynalite), a local JWKS as Cognito, and the model
 * providers' wire protocols (the fakes). This test is API Gateway, the phone and the SQS event
 * source mapping: createUpload, the PUT to the presigned URL, completeUpload, the job's SQS message
 * as the API sent it handed to the processor, then search, a chat turn and the delete.
 *
 * <p>No SQS server resolves here (elasticmq does not), so the queue is tested at its edges: the
 * API's real SQS client sends to a stand-in that keeps the message, and the processor gets that
 * message's body in an SQS event as Lambda's event source mapping delivers it. Secrets Manager,
 * likewise, is a stand-in answering GetSecretValue to the real client (docs/deploy.md).
 */
class DeployedShapeIT {
  private static final Path JAR = Path.of("target/collections-lambda.jar");
  private static final String USER = "e2e-user";
  private static final String BUCKET = "collections-images";
  private static final String DB_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
  private static final String PROVIDER_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:providers-GhIjKl";
  private static final String QUEUE = "/123456789012/collections-jobs";
  /** As the stack sets it (CollectionsStackTest). */
  private static final String JAVA_TOOL_OPTIONS =
      "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Dcollections.logging=json";

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @RegisterExtension static final LocalDynamoDbExtension dynamo = new LocalDynamoDbExtension();
  @TempDir static Path work;

  static LocalS3Server s3;
  static ImageStore images;
  static LocalCognito cognito;
  static FakeVisionProvider vision;
  static FakeLlm llm;
  static FakeVoyage voyage;
  static AwsJsonStandIn secretsManager;
  static AwsJsonStandIn sqs;
  static FunctionJvm api;
  static FunctionJvm processor;

  @BeforeAll
  static void deploy() throws Exception {
    assertThat(Files.exists(JAR)).as("%s (mvn package)", JAR).isTrue();
    s3 = new LocalS3Server(work.resolve("s3"), 0);
    s3.start();
    StorageConfiguration storage = new StorageConfiguration();
    storage.setBucket(BUCKET);
    images = ImageStore.create(storage, s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
    // The stack creates the bucket, as it creates the table (LocalDynamoDbExtension) and the queue.
    images.createBucketIfMissing();
    cognito = new LocalCognito();
    vision = new FakeVisionProvider();
    llm = new FakeLlm();
    voyage = new FakeVoyage();
    secretsManager = AwsJsonStandIn.secretsManager(Map.of(DB_ARN, rdsSecret(), PROVIDER_ARN,
        "{\"ANTHROPIC_API_KEY\":\"test-anthropic-key\",\"OPENAI_API_KEY\":\"\",\"VOYAGE_API_KEY\":\"voyage-test\","
            + "\"TAVILY_API_KEY\":\"\"}"));
    sqs = AwsJsonStandIn.sqs();

    Path probe = ColdStartBench.probeJar(work.resolve("deployed-shape-probe.jar"),
        DeployedShapeProbe.class, FakeLambdaContext.class, LambdaRuntimeSerialization.class);
    // The Lambda Java runtime carries its event serialization; the function's jar does not.
    String runtime = Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
    String classPath = String.join(File.pathSeparator, JAR.toString(), probe.toString(), runtime);

    Map<String, String> apiEnv = stackEnvironment();
    apiEnv.put("JOBS_QUEUE_URL", sqs.endpoint() + QUEUE);
    apiEnv.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint());
    apiEnv.put("ANTHROPIC_BASE_URL", llm.anthropicUrl());
    api = new FunctionJvm("api", classPath, apiEnv);
    Map<String, String> processorEnv = stackEnvironment();
    processorEnv.put("ANTHROPIC_BASE_URL", vision.anthropicUrl());
    processor = new FunctionJvm("processor", classPath, processorEnv);
  }

  @AfterAll
  static void tearDown() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {api, processor, sqs, secretsManager, voyage, llm, vision, cognito, images}) {
      if (c != null) {
        c.close();
      }
    }
    if (s3 != null) {
      s3.stop();
    }
  }

  @Test
  void anUploadIsAnalysedBySqsFoundAnsweredInChatAndDeleted() throws Exception {
    Path image;
    try (var files = Files.list(Fixtures.sharedDir().resolve("eval/images"))) {
      image = files.sorted().toList().getFirst();
    }
    byte[] bytes = Files.readAllBytes(image);
    String headline = vision.goldenFor(bytes).path("headline").asText();

    // The phone: createUpload, PUT to the presigned URL, completeUpload.
    JsonNode created = graphql("mutation { createUpload(input: {filename: \"IMG_0001.jpg\", contentType: \"image/jpeg\","
        + " byteSize: " + bytes.length + "}) { uploadId uploadUrl uploadHeaders { name value } } }").path("createUpload");
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(created.path("uploadUrl").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    created.path("uploadHeaders").forEach(h -> put.header(h.path("name").asText(), h.path("value").asText()));
    try (HttpClient http = HttpClient.newHttpClient()) {
      assertThat(http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }
    JsonNode completed = graphql("mutation { completeUpload(input: {uploadId: " + quote(created.path("uploadId").asText())
        + "}) { duplicate item { id status } } }").path("completeUpload");
    assertThat(completed.path("duplicate").asBoolean()).isFalse();
    assertThat(completed.path("item").path("status").asText()).isEqualTo("PENDING");
    String itemId = completed.path("item").path("id").asText();

    // What the API's SQS client sent: the queue's contract, ids only.
    List<AwsJsonStandIn.Call> sent = sqs.calls();
    assertThat(sent).hasSize(1);
    assertThat(sent.getFirst().body().path("QueueUrl").asText()).isEqualTo(sqs.endpoint() + QUEUE);
    String message = sent.getFirst().body().path("MessageBody").asText();
    JsonNode body = Json.MAPPER.readTree(message);
    assertThat(body.path("userId").asText()).isEqualTo(USER);
    assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("userId", "itemId");

    // The event source mapping hands the message to the processor, which analyses and embeds.
    JsonNode processed = Json.MAPPER.readTree(processor.invoke(sqsEvent(message)));
    assertThat(processed.path("batchItemFailures")).isEmpty();
    assertThat(vision.requestCount()).isEqualTo(1);
    assertThat(vision.requestHeaders().getFirst().get("x-api-key")).isEqualTo("test-anthropic-key");
    // FakeVoyage answers only the key the provider secret holds.
    assertThat(voyage.requests()).isNotEmpty();
    // A job has no caller: its analysis and embedding start a trace of their own, which reaches the
    // providers and the processor's log line of the analysis.
    String analysisTrace = vision.requestHeaders().getFirst().get("traceparent");
    assertThat(analysisTrace).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(voyage.traceparents()).allMatch(t -> t.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    assertThat(jsonLines(processor.logs())).anySatisfy(l -> {
      assertThat(l.path("formattedMessage").asText()).startsWith("model call chat anthropic ");
      assertThat(analysisTrace).contains(l.path("mdc").path("spanId").asText());
    });
    // The job's own line is in the same trace as its model call, with the tenant hashed.
    assertThat(jsonLines(processor.logs())).anySatisfy(l -> {
      assertThat(l.path("formattedMessage").asText()).startsWith("Analysed item ").contains(" of tenant ");
      assertThat(analysisTrace).contains(l.path("mdc").path("traceId").asText());
      assertThat(l.path("mdc").path("tenant").asText()).isEqualTo(app.collections.logging.LogFields.tenantHash(
          new app.collections.auth.Tenant(USER)));
    });

    JsonNode ready = graphql("{ item(id: " + quote(itemId) + ") { status lastError thumbnail { url width height byteSize } } }")
        .path("item");
    assertThat(ready.path("status").asText()).as("the processor's logs: %s", processor.logs()).isEqualTo("READY");
    // The processor made its DERIVE job's thumbnail, and the API function signs a URL to it.
    assertThat(ready.path("thumbnail").path("height").asInt()).isEqualTo(512);
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> thumbnail = http.send(HttpRequest.newBuilder(
          URI.create(ready.path("thumbnail").path("url").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(thumbnail.statusCode()).isEqualTo(200);
      assertThat(thumbnail.body()).hasSize(ready.path("thumbnail").path("byteSize").asInt());
    }
    JsonNode found = graphql("{ search(query: " + quote(headline) + ") { totalCount edges { node { item { id } } } } }")
        .path("search");
    assertThat(found.path("edges").findValuesAsText("id")).containsExactly(itemId);

    // A chat turn: the agent searches the collection and cites what it found, the model being the fake.
    llm.script(e -> e.toolResultsSinceUser().isEmpty()
        ? FakeLlm.call(AgentTools.SEARCH_COLLECTION, Map.of("query", headline))
        : FakeLlm.text("That is this one [" + firstItemId(e.toolResultsSinceUser().getFirst()) + "]."));
    // The phone sends its trace; both model calls of the turn join it, each as a span of its own.
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String callerSpan = "00f067aa0ba902b7";
    JsonNode turn = graphql("mutation { sendChatMessage(input: {message: \"where was that?\"}) {"
        + " reply citedItems { id } steps { tool } session { id } } }",
        Map.of("traceparent", "00-" + trace + "-" + callerSpan + "-01")).path("sendChatMessage");
    assertThat(turn.path("reply").asText()).startsWith("That is this one");
    assertThat(turn.path("citedItems").findValuesAsText("id")).containsExactly(itemId);
    assertThat(turn.path("steps").findValuesAsText("tool")).containsExactly(AgentTools.SEARCH_COLLECTION);
    assertThat(llm.requests()).hasSize(2);
    assertThat(llm.traceparents()).hasSize(2).allMatch(t -> t.matches("00-" + trace + "-[0-9a-f]{16}-01"))
        .noneMatch(t -> t.contains(callerSpan)).doesNotHaveDuplicates();
    // The turn's model calls in the API function's JSON log, each in its own span of the trace.
    List<JsonNode> calls = jsonLines(api.logs()).stream()
        .filter(l -> l.path("formattedMessage").asText().startsWith("model call chat anthropic claude-sonnet-4-5: "
            + "900 input tokens, 60 output tokens")).toList();
    assertThat(calls).as("%s", api.logs()).hasSize(2)
        .allSatisfy(l -> assertThat(l.path("mdc").path("traceId").asText()).isEqualTo(trace));
    assertThat(calls).extracting(l -> "00-" + trace + "-" + l.path("mdc").path("spanId").asText() + "-01")
        .containsExactlyInAnyOrderElementsOf(llm.traceparents());
    // The conversation is in the chat table (dynalite), where the next turn's container finds it.
    assertThat(dynamo.client().scan(r -> r.tableName(LocalDynamoDbExtension.TABLE)).count()).isPositive();

    // The original, and the thumbnail and preview the processor made beside it.
    assertThat(objectsInBucket()).isEqualTo(3);
    JsonNode deleted = graphql("mutation { deleteItem(input: {id: " + quote(itemId) + "}) { deletedItemId } }");
    assertThat(deleted.path("deleteItem").path("deletedItemId").asText()).isEqualTo(itemId);
    assertThat(graphql("{ item(id: " + quote(itemId) + ") { id } }").path("item").isNull()).isTrue();
    assertThat(graphql("{ search(query: " + quote(headline) + ") { totalCount } }").path("search").path("totalCount")
        .asInt()).isZero();
    assertThat(objectsInBucket()).isZero();

    // Neither function wrote the tenant's id (its Cognito sub) into its logs, only its hash.
    assertThat(api.logs()).noneMatch(line -> line.contains(USER));
    assertThat(processor.logs()).noneMatch(line -> line.contains(USER));

    // Both functions read their credentials and keys from the two secrets, as on AWS.
    assertThat(secretsManager.calls()).extracting(c -> c.body().path("SecretId").asText())
        .containsExactlyInAnyOrder(DB_ARN, PROVIDER_ARN, DB_ARN, PROVIDER_ARN);
  }

  @Test
  void healthAndVersionAnswerWithoutAToken() throws Exception {
    JsonNode health = Json.MAPPER.readTree(api.invoke(HttpApiEvent.get("/health")));
    assertThat(health.path("statusCode").asInt()).as(health.toString()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(health.path("body").asText()))
        .isEqualTo(Json.MAPPER.readTree("{\"status\":\"ok\",\"database\":\"ok\"}"));

    JsonNode version = Json.MAPPER.readTree(api.invoke(HttpApiEvent.get("/version")));
    assertThat(version.path("statusCode").asInt()).as(version.toString()).isEqualTo(200);
    JsonNode build = Json.MAPPER.readTree(version.path("body").asText());
    // The built jar carries its build's commit (core's build-info.properties, shaded in).
    if (Files.exists(Path.of("..", ".git"))) {
      assertThat(build.path("commit").asText()).matches("[0-9a-f]{40}");
    }
    assertThat(build.path("builtAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(build.path("version").asText()).isNotEqualTo("unknown");
  }

  /** What the stack gives both functions (CollectionsStack), pointed at the local stand-ins. */
  private static Map<String, String> stackEnvironment() {
    String hostPortDb = db.url().substring("jdbc:postgresql://".length());
    Map<String, String> env = new HashMap<>();
    env.put("DB_SECRET_ARN", DB_ARN);
    env.put("DB_HOST", hostPortDb.substring(0, hostPortDb.indexOf(':')));
    env.put("DB_PORT", hostPortDb.substring(hostPortDb.indexOf(':') + 1, hostPortDb.indexOf('/')));
    env.put("DB_NAME", hostPortDb.substring(hostPortDb.indexOf('/') + 1));
    env.put("COGNITO_REGION", "eu-west-1");
    env.put("COGNITO_USER_POOL_ID", LocalCognito.USER_POOL_ID);
    env.put("COGNITO_CLIENT_IDS", LocalCognito.CLIENT_ID);
    env.put("IMAGES_BUCKET", BUCKET);
    env.put("CHAT_TABLE", LocalDynamoDbExtension.TABLE);
    env.put("PROVIDER_SECRET_ARN", PROVIDER_ARN);
    env.put("CORS_ORIGINS", "");
    // Lambda's own: the region and the function role's credentials (here the local S3 server's keys,
    // which it verifies; dynalite and the stand-ins take any).
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", LocalS3Server.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", LocalS3Server.SECRET_KEY);
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    // Where the local stand-ins are: unset on AWS (lambda.yml, docs/deploy.md).
    env.put("S3_ENDPOINT", s3.endpoint());
    env.put("DYNAMODB_ENDPOINT", dynamo.server().endpoint());
    env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint());
    env.put("VOYAGE_BASE_URL", voyage.url());
    env.put("PROBE_ISSUER", cognito.issuer());
    env.put("PROBE_NO_TLS", "true");
    return env;
  }

  /** RDS's generated secret for the test database. */
  private static String rdsSecret() throws Exception {
    String hostPortDb = db.url().substring("jdbc:postgresql://".length());
    return Json.MAPPER.writeValueAsString(Map.of("engine", "postgres",
        "host", hostPortDb.substring(0, hostPortDb.indexOf(':')),
        "port", Integer.parseInt(hostPortDb.substring(hostPortDb.indexOf(':') + 1, hostPortDb.indexOf('/'))),
        "dbname", hostPortDb.substring(hostPortDb.indexOf('/') + 1),
        "username", db.user(), "password", db.password()));
  }

  /** One GraphQL request through API Gateway's event into the API function; its {@code data}, failing on errors. */
  private static JsonNode graphql(String query) throws Exception {
    return graphql(query, Map.of());
  }

  private static JsonNode graphql(String query, Map<String, String> headers) throws Exception {
    String event = HttpApiEvent.graphqlPost("Bearer " + cognito.accessToken(USER), query, headers);
    JsonNode answer = Json.MAPPER.readTree(api.invoke(event));
    assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(answer.path("body").asText());
    assertThat(body.path("errors")).as(body.toString()).isEmpty();
    return body.path("data");
  }

  /** The function's log lines that are JSON objects (the JVM's own may not be). */
  private static List<JsonNode> jsonLines(List<String> lines) {
    List<JsonNode> json = new java.util.ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("{")) {
        try {
          json.add(Json.MAPPER.readTree(line));
        } catch (java.io.IOException e) {
          // not one of ours
        }
      }
    }
    return json;
  }

  /** An SQS event of one message, as the event source mapping invokes the processor. */
  private static String sqsEvent(String message) throws Exception {
    return Json.MAPPER.writeValueAsString(Map.of("Records", List.of(Map.of(
        "messageId", "e2e-message-1",
        "receiptHandle", "AQEB...",
        "body", message,
        "attributes", Map.of("ApproximateReceiveCount", "1"),
        "eventSource", "aws:sqs",
        "eventSourceARN", "arn:aws:sqs:eu-west-1:123456789012:collections-jobs",
        "awsRegion", "eu-west-1"))));
  }

  private static String firstItemId(String searchResult) {
    try {
      return Json.MAPPER.readTree(searchResult).path("items").path(0).path("itemId").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int objectsInBucket() {
    return images.client().listObjectsV2(r -> r.bucket(BUCKET)).keyCount();
  }

  private static String quote(String text) throws Exception {
    return Json.MAPPER.writeValueAsString(text);
  }
}
