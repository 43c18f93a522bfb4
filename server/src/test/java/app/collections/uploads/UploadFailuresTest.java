package app.collections.uploads;

import app.collections.server.ServerConfiguration;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.CollectionsConfiguration;
import app.collections.graphql.GlobalId;
import app.collections.images.ImageInspector;
import app.collections.storage.ImageStore;
import app.collections.local.LocalS3Server;
import app.collections.storage.StorageConfiguration;
import app.collections.testing.ApiClient;
import app.collections.testing.FakeVisionProvider;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Everything that can go wrong between a PUT and READY, and what the user sees when it does. */
class UploadFailuresTest {
  static final FakeVisionProvider provider = new FakeVisionProvider();

  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", UploadPipelineTest.tempDir().toString()),
      ConfigOverride.config("vision.anthropic.apiKey", "test-anthropic-key"),
      ConfigOverride.config("vision.anthropic.baseUrl", provider.anthropicUrl()),
      ConfigOverride.config("vision.openai.apiKey", "test-openai-key"),
      ConfigOverride.config("vision.openai.baseUrl", provider.openAiUrl()));

  private static final Duration WAIT = Duration.ofSeconds(30);
  private final ApiClient api = new ApiClient(app.getLocalPort());

  @AfterEach
  void recover() {
    provider.recover();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void aRateLimitedProviderIsRetriedUntilItAnswers() throws Exception {
    String token = api.token("rate-limited");
    int before = provider.requestCount();
    provider.failNext(429, 2);

    String id = uploadItem(token, 0);
    JsonNode item = awaitItem(token, id, i -> i.path("status").asText().equals("READY"));

    assertThat(provider.requestCount() - before).isEqualTo(3);
    assertThat(item.path("analysis").path("provider").asText()).isEqualTo("anthropic");
    assertThat(item.path("lastError").isNull()).isTrue();
  }

  @Test
  void aProviderThatKeepsFailingFailsTheItemWithTheReasonAndRetryWorksLater() throws Exception {
    String token = api.token("outage");
    provider.failForever(500);

    String id = uploadItem(token, 1);
    JsonNode failed = awaitItem(token, id, i -> i.path("status").asText().equals("FAILED"));
    assertThat(failed.path("lastError").asText()).contains("anthropic").contains("unavailable");
    assertThat(failed.path("analysis").isNull()).isTrue();

    provider.recover();
    JsonNode retried = api.data(token, "mutation($id: ID!) { retryItem(input: {itemId: $id}) { item { status } } }",
        Map.of("id", id), "retryItem");
    assertThat(retried.path("item").path("status").asText()).isIn("PENDING", "ANALYZING", "READY");
    JsonNode ready = awaitItem(token, id, i -> i.path("status").asText().equals("READY"));
    assertThat(ready.path("analysis").path("version").asInt()).isEqualTo(1);
  }

  @Test
  void anImageTheProviderRefusesFailsAtOnceWithTheProvidersReason() throws Exception {
    String token = api.token("refused");
    // Claude's words for a photo over 5 MB (issue 23), scripted: what the pipeline sends may be a
    // preview no provider refuses; the refusal is handled the same whatever caused it.
    String refusal = "messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: 10842316 bytes > 5242880 bytes";
    int before = provider.requestCount();
    provider.failNext(400, refusal, 1);

    String id = uploadItem(token, 11);
    JsonNode failed = awaitItem(token, id, i -> i.path("status").asText().equals("FAILED"));
    assertThat(failed.path("lastError").asText()).isEqualTo("anthropic refused the request: " + refusal);
    assertThat(provider.requestCount() - before).as("asked once, not five times").isEqualTo(1);
  }

  @Test
  void aMalformedReplyIsAskedForOnceMoreThenFailsTheJob() throws Exception {
    String token = api.token("malformed");
    provider.replyMalformed(1);
    String once = uploadItem(token, 2);
    assertThat(awaitItem(token, once, i -> i.path("status").asText().equals("READY"))
        .path("analysis").path("raw").path("category").asText()).isNotBlank();

    provider.replyMalformed(2);
    String twice = uploadItem(token, 3);
    JsonNode failed = awaitItem(token, twice, i -> i.path("status").asText().equals("FAILED"));
    assertThat(failed.path("lastError").asText()).contains("not a valid analysis");
  }

  @Test
  void reanalysingWithAnotherProviderAddsAVersionAndKeepsTheHistory() throws Exception {
    String token = api.token("reanalyse");
    String id = uploadItem(token, 4);
    awaitItem(token, id, i -> i.path("status").asText().equals("READY"));

    JsonNode queued = api.data(token, """
        mutation($id: ID!) { analyzeItem(input: {itemId: $id, provider: OPENAI, model: "gpt-4o-2024-08-06"}) { queued } }""",
        Map.of("id", id), "analyzeItem");
    assertThat(queued.path("queued").asBoolean()).isTrue();

    // Awaiting the latest version, not the history's size: the two are separate reads.
    JsonNode item = awaitItem(token, id, i -> i.path("analysis").path("version").asInt() == 2);
    assertThat(item.path("analysis").path("provider").asText()).isEqualTo("openai");
    assertThat(item.path("analysis").path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(item.path("analyses").findValuesAsText("version")).containsExactly("2", "1");
    JsonNode openAiRequest = provider.requests().getLast();
    assertThat(openAiRequest.path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(provider.requestHeaders().getLast().get("authorization")).isEqualTo("Bearer test-openai-key");
  }

  @Test
  void badUploadsAreRefusedClearlyAndLeaveNothingBehind() throws Exception {
    String token = api.token("rejects");
    for (Map<String, Object> input : List.<Map<String, Object>>of(
        Map.of("filename", "a.txt", "contentType", "text/plain", "byteSize", 10),
        Map.of("filename", "a.heic", "contentType", "image/heic", "byteSize", 10),
        Map.of("filename", "a.jpg", "contentType", "image/jpeg", "byteSize", 0),
        Map.of("filename", "a.jpg", "contentType", "image/jpeg", "byteSize", 20L * 1024 * 1024 + 1),
        Map.of("filename", "", "contentType", "image/jpeg", "byteSize", 10))) {
      JsonNode response = api.graphql(token, UploadPipelineTest.CREATE, Map.of("input", input));
      assertThat(code(response)).as(input.toString()).isEqualTo("BAD_USER_INPUT");
    }

    byte[] notAnImage = "definitely not a jpeg, just text pretending".getBytes();
    byte[] truncated = Arrays.copyOf(image(5), 4000);
    for (byte[] bytes : List.of(notAnImage, truncated)) {
      JsonNode created = create(token, bytes.length);
      assertThat(api.put(created.path("uploadUrl").asText(), created.path("uploadHeaders"), bytes)).isEqualTo(200);
      JsonNode completed = complete(token, created);
      assertThat(code(completed)).isEqualTo("BAD_USER_INPUT");
      assertThat(store(created).exists(key(created))).as("rejected object is deleted").isFalse();
      assertThat(code(complete(token, created))).isEqualTo("NOT_FOUND");
    }
    assertThat(itemCount(token)).isZero();
  }

  @Test
  void completingWithoutAPutFailsAndCanBeDoneAfterIt() throws Exception {
    String token = api.token("early");
    byte[] bytes = image(6);
    JsonNode created = create(token, bytes.length);

    assertThat(code(complete(token, created))).isEqualTo("BAD_USER_INPUT");
    assertThat(itemCount(token)).isZero();

    api.put(created.path("uploadUrl").asText(), created.path("uploadHeaders"), bytes);
    assertThat(complete(token, created).path("data").path("completeUpload").path("item").path("id").asText()).isNotBlank();
    assertThat(code(complete(token, created))).as("completed twice").isEqualTo("BAD_USER_INPUT");
  }

  @Test
  void anotherUsersUploadCannotBeCompleted() throws Exception {
    String alice = api.token("alice-up");
    String bob = api.token("bob-up");
    byte[] bytes = image(7);
    JsonNode created = create(alice, bytes.length);
    api.put(created.path("uploadUrl").asText(), created.path("uploadHeaders"), bytes);

    assertThat(code(complete(bob, created))).isEqualTo("NOT_FOUND");
    assertThat(itemCount(bob)).isZero();
    assertThat(complete(alice, created).has("errors")).isFalse();
  }

  @Test
  void aPutOfAnotherSizeThanSignedIsRefusedByS3() throws Exception {
    String token = api.token("resized");
    byte[] bytes = image(8);
    JsonNode created = create(token, bytes.length);
    Integer status;
    try {
      status = api.put(created.path("uploadUrl").asText(), created.path("uploadHeaders"), Arrays.copyOf(bytes, bytes.length + 10));
    } catch (java.io.UncheckedIOException e) {
      // S3Proxy (Jetty) answers the refusal before reading the whole body and may cut the
      // connection while its chunked answer is read (1 run in 4 of the suite): refused all the same.
      assertThat(e).hasStackTraceContaining("chunked transfer encoding");
      status = null;
    }
    if (status != null) {
      assertThat(status).isEqualTo(403);
    }
    assertThat(store(created).exists(key(created))).isFalse();
  }

  @Test
  void theSameImageTwiceIsOneItemAndDeletingItRemovesItsImage() throws Exception {
    String token = api.token("twice");
    Path image = UploadPipelineTest.sharedImages().get(9);
    JsonNode first = UploadPipelineTest.upload(api, token, image);
    JsonNode second = UploadPipelineTest.upload(api, token, image);
    assertThat(second.path("duplicate").asBoolean()).isTrue();
    assertThat(second.path("item").path("id").asText()).isEqualTo(first.path("item").path("id").asText());
    assertThat(itemCount(token)).isEqualTo(1);

    String id = first.path("item").path("id").asText();
    awaitItem(token, id, i -> i.path("status").asText().equals("READY"));
    String url = api.data(token, UploadPipelineTest.ITEM, Map.of("id", id), "item").path("imageUrl").asText();
    assertThat(api.getBytes(url).statusCode()).isEqualTo(200);
    api.data(token, "mutation($id: ID!) { deleteItem(input: {id: $id}) { deletedItemId } }", Map.of("id", id), "deleteItem");
    assertThat(api.getBytes(url).statusCode()).isEqualTo(404);
  }

  @Test
  void uploadsTheirClientsAbandonedAreFinishedBySweeping() throws Exception {
    String token = api.token("abandoned");
    byte[] bytes = image(10);
    JsonNode putOnly = create(token, bytes.length);
    api.put(putOnly.path("uploadUrl").asText(), putOnly.path("uploadHeaders"), bytes);
    JsonNode neverPut = create(token, 1234);
    db.jdbi().useHandle(h -> h.execute(
        "UPDATE uploads SET expires_at = now() - interval '1 hour' WHERE id IN (?, ?)",
        GlobalId.decode(putOnly.path("uploadId").asText(), "Upload"),
        GlobalId.decode(neverPut.path("uploadId").asText(), "Upload")));

    UploadService sweeper = new UploadService(db.jdbi(), store(putOnly), new ImageInspector(),
        new StorageConfiguration(), new app.collections.lifecycle.ItemLifecycle(db.jdbi(), 3, (tenant, itemId) -> {}));
    assertThat(sweeper.sweep(Duration.ofMinutes(15), 100)).isEqualTo(2);

    JsonNode items = api.data(token, "{ items { totalCount edges { node { id originalFilename } } } }", Map.of(), "items");
    assertThat(items.path("totalCount").asInt()).as("the image that arrived became an item").isEqualTo(1);
    String id = items.path("edges").path(0).path("node").path("id").asText();
    awaitItem(token, id, i -> i.path("status").asText().equals("READY"));
    assertThat(code(complete(token, neverPut))).as("the upload whose bytes never came is gone").isEqualTo("NOT_FOUND");
    assertThat(sweeper.sweep(Duration.ofMinutes(15), 100)).as("nothing left to sweep").isZero();
  }

  private String uploadItem(String token, int index) throws Exception {
    return UploadPipelineTest.upload(api, token, UploadPipelineTest.sharedImages().get(index)).path("item").path("id").asText();
  }

  private JsonNode awaitItem(String token, String id, Predicate<JsonNode> done) {
    return api.await(token, UploadPipelineTest.ITEM, Map.of("id", id), r -> done.test(r.path("data").path("item")), WAIT)
        .path("data").path("item");
  }

  private JsonNode create(String token, int size) {
    return api.data(token, UploadPipelineTest.CREATE, Map.of("input",
        Map.of("filename", "IMG_0001.jpg", "contentType", "image/jpeg", "byteSize", size)), "createUpload");
  }

  private JsonNode complete(String token, JsonNode created) {
    return api.graphql(token, UploadPipelineTest.COMPLETE, Map.of("id", created.path("uploadId").asText()));
  }

  private int itemCount(String token) {
    return api.data(token, "{ items { totalCount } }", Map.of(), "items").path("totalCount").asInt();
  }

  private static byte[] image(int index) throws Exception {
    return Files.readAllBytes(UploadPipelineTest.sharedImages().get(index));
  }

  private static String code(JsonNode response) {
    return response.path("errors").path(0).path("extensions").path("code").asText(null);
  }

  /** The local S3 server the presigned URL points at, seen with the SDK as the service sees it. */
  private static ImageStore store(JsonNode created) {
    URI url = URI.create(created.path("uploadUrl").asText());
    return ImageStore.create(new StorageConfiguration(), url.getScheme() + "://" + url.getAuthority(),
        LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
  }

  /** Path-style URL: /{bucket}/{key}. */
  private static String key(JsonNode created) {
    String path = URI.create(created.path("uploadUrl").asText()).getPath();
    return path.substring(path.indexOf('/', 1) + 1);
  }
}
