package app.collections.uploads;

import app.collections.server.ServerConfiguration;
import app.collections.tools.importer.FolderImporter;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.CollectionsConfiguration;
import app.collections.testing.ApiClient;
import app.collections.testing.FakeVisionProvider;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Images in, analyses out, end to end: createUpload, a PUT to the presigned URL of the local S3
 * server, completeUpload, the worker pool, Claude's wire protocol (the fake provider), READY.
 */
class UploadPipelineTest {
  static final FakeVisionProvider provider = new FakeVisionProvider();

  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", tempDir().toString()),
      ConfigOverride.config("vision.anthropic.apiKey", "test-anthropic-key"),
      ConfigOverride.config("vision.anthropic.baseUrl", provider.anthropicUrl()),
      ConfigOverride.config("vision.openai.apiKey", "test-openai-key"),
      ConfigOverride.config("vision.openai.baseUrl", provider.openAiUrl()));

  static final String CREATE = """
      mutation($input: CreateUploadInput!) {
        createUpload(input: $input) { uploadId uploadUrl uploadHeaders { name value } expiresAt }
      }""";
  static final String COMPLETE = """
      mutation($id: ID!) {
        completeUpload(input: {uploadId: $id}) { duplicate item { id status filename width height byteSize contentType } }
      }""";
  static final String ITEM = """
      query($id: ID!) {
        item(id: $id) { id status lastError imageUrl analysis { version provider model raw } analyses { version } }
      }""";

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void uploadsEverySharedImageAndStoresItsGoldenAnalysis() throws Exception {
    ApiClient api = new ApiClient(app.getLocalPort());
    String token = api.token("e2e");
    List<Path> images = sharedImages();
    assertThat(images).hasSize(55);

    Map<String, Path> itemImages = new HashMap<>();
    for (Path image : images) {
      JsonNode completed = upload(api, token, image);
      assertThat(completed.path("duplicate").asBoolean()).isFalse();
      JsonNode item = completed.path("item");
      assertThat(item.path("width").asInt()).isEqualTo(589);
      assertThat(item.path("height").asInt()).isEqualTo(1280);
      assertThat(item.path("byteSize").asLong()).isEqualTo(Files.size(image));
      itemImages.put(item.path("id").asText(), image);
    }

    api.await(token, "{ items(filter: {status: READY}) { totalCount } }", Map.of(),
        r -> r.path("data").path("items").path("totalCount").asInt() == 55, Duration.ofSeconds(90));

    for (var entry : itemImages.entrySet()) {
      JsonNode item = api.data(token, ITEM, Map.of("id", entry.getKey()), "item");
      byte[] bytes = Files.readAllBytes(entry.getValue());
      assertThat(item.path("status").asText()).isEqualTo("READY");
      assertThat(item.path("analysis").path("raw")).as(entry.getValue().toString()).isEqualTo(provider.goldenFor(bytes));
      assertThat(item.path("analysis").path("provider").asText()).isEqualTo("anthropic");
      assertThat(item.path("analysis").path("model").asText()).isEqualTo("claude-sonnet-4-5");
      assertThat(item.path("analyses")).hasSize(1);
    }
    // The image comes back from its presigned URL byte for byte.
    var first = itemImages.entrySet().iterator().next();
    String url = api.data(token, ITEM, Map.of("id", first.getKey()), "item").path("imageUrl").asText();
    assertThat(api.getBytes(url).body()).isEqualTo(Files.readAllBytes(first.getValue()));
    // Every request carried the key and the image, in Anthropic's format.
    assertThat(provider.requestHeaders()).allSatisfy(h -> assertThat(h.get("x-api-key")).isEqualTo("test-anthropic-key"));
  }

  @Test
  void importsAFolderSafelyTwiceAndReportsWhatItRejected() throws Exception {
    ApiClient api = new ApiClient(app.getLocalPort());
    String token = api.token("importer");
    Path folder = Files.createTempDirectory("import");
    List<Path> shared = sharedImages();
    for (Path image : shared.subList(10, 13)) {
      Files.copy(image, folder.resolve(image.getFileName()));
    }
    Files.writeString(folder.resolve("fake.jpg"), "not really a jpeg");
    Files.writeString(folder.resolve("notes.txt"), "ignored: not an image name");
    FolderImporter importer = new FolderImporter(java.net.URI.create("http://127.0.0.1:" + app.getLocalPort()), token);

    List<Path> files = FolderImporter.images(folder);
    assertThat(files).hasSize(4);
    FolderImporter.Summary first = importer.upload(files, f -> {});
    assertThat(first.added()).hasSize(3);
    assertThat(first.rejected()).containsOnlyKeys("fake.jpg");
    assertThat(first.rejected().get("fake.jpg")).contains("not a JPEG");
    assertThat(importer.awaitAnalysis(first.itemIds(), Duration.ofSeconds(30), n -> {}))
        .hasSize(3).allSatisfy((id, status) -> assertThat(status).isEqualTo("READY"));

    FolderImporter.Summary again = importer.upload(files, f -> {});
    assertThat(again.added()).isEmpty();
    assertThat(again.duplicates()).hasSize(3);
    assertThat(again.itemIds()).containsExactlyInAnyOrderElementsOf(first.itemIds());
    assertThat(api.data(token, "{ items { totalCount } }", Map.of(), "items").path("totalCount").asInt()).isEqualTo(3);
  }

  static JsonNode upload(ApiClient api, String token, Path image) throws IOException {
    return api.upload(token, image.getFileName().toString(), "image/jpeg", Files.readAllBytes(image));
  }

  static List<Path> sharedImages() throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.sharedDir().resolve("eval/images"))) {
      return new ArrayList<>(files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList());
    }
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("collections-upload-test");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
