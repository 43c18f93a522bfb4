package app.collections.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.server.ServerConfiguration;
import app.collections.testing.ApiClient;
import app.collections.testing.ExifJpegs;
import app.collections.testing.FakeVisionProvider;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import app.collections.testing.TestImages;
import app.collections.vision.AnalysisFormat;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a photo app shows first, through the API as a client uses it: thumbnails and previews in a
 * grid before any analysis, and a photo's capture time and place, found by the place and date
 * filters and by its place's name; another user sees none of it.
 */
class PicturesAndPlacesTest {
  static final FakeVisionProvider provider = new FakeVisionProvider();

  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", UploadPipelineTest.tempDir().toString()),
      ConfigOverride.config("vision.anthropic.apiKey", "test-anthropic-key"),
      ConfigOverride.config("vision.anthropic.baseUrl", provider.anthropicUrl()));

  static final String GRID = """
      { items(first: 50) { nodes { id status
          thumbnail { url width height byteSize } preview { url width height byteSize } } } }""";
  static final String PLACED = """
      query($id: ID!) { item(id: $id) { status takenAt
          location { latitude longitude city region country place } } }""";

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void aGridShowsEveryThumbnailBeforeAnyAnalysisAndEachIsASmallFractionOfItsOriginal() throws Exception {
    ApiClient api = new ApiClient(app.getLocalPort());
    String token = api.token("grid");
    // No analysis finishes while the grid is read: the vision provider holds every request.
    provider.holdAfter(0);
    List<Path> images = UploadPipelineTest.sharedImages().subList(0, 12);
    Map<String, Path> byId = new java.util.HashMap<>();
    try {
      for (Path image : images) {
        byId.put(UploadPipelineTest.upload(api, token, image).path("item").path("id").asText(), image);
      }
      JsonNode grid = api.await(token, GRID, Map.of(), r -> {
        JsonNode nodes = r.path("data").path("items").path("nodes");
        return nodes.size() == 12 && java.util.stream.StreamSupport.stream(nodes.spliterator(), false)
            .allMatch(n -> !n.path("thumbnail").isNull() && !n.path("preview").isNull());
      }, Duration.ofSeconds(60)).path("data").path("items").path("nodes");

      long originals = 0;
      long thumbnails = 0;
      for (JsonNode item : grid) {
        assertThat(item.path("status").asText()).as("pictures come before the analysis").isIn("PENDING", "ANALYZING");
        JsonNode thumbnail = item.path("thumbnail");
        byte[] bytes = api.getBytes(thumbnail.path("url").asText()).body();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(decoded.getWidth()).isEqualTo(thumbnail.path("width").asInt());
        assertThat(decoded.getHeight()).isEqualTo(thumbnail.path("height").asInt()).isEqualTo(512);
        assertThat(bytes.length).isEqualTo(thumbnail.path("byteSize").asInt());
        JsonNode preview = item.path("preview");
        assertThat(preview.path("width").asInt()).isEqualTo(589);
        assertThat(preview.path("height").asInt()).isEqualTo(1280);
        originals += Files.size(byId.get(item.path("id").asText()));
        thumbnails += bytes.length;
      }
      double share = (double) thumbnails / originals;
      System.out.printf("A grid of 12 labelled screenshots: thumbnails %d B, originals %d B (%.1f%%)%n", thumbnails,
          originals, 100 * share);
      assertThat(share).isLessThan(0.25);
    } finally {
      provider.recover();
    }
    api.await(token, "{ items(filter: {status: READY}) { totalCount } }", Map.of(),
        r -> r.path("data").path("items").path("totalCount").asInt() == 12, Duration.ofSeconds(90));
  }

  @Test
  void aGeotaggedPhotoIsPlacedAndFoundByPlaceDateAndWordsAndNobodyElseSeesIt() throws Exception {
    ApiClient api = new ApiClient(app.getLocalPort());
    String alice = api.token("traveller");
    String bob = api.token("stranger");
    // A labelled screenshot that says nothing of Kyoto, with the EXIF a phone in Kyoto writes: its
    // pixels (so its preview, which the fake provider knows) unchanged.
    JsonNode golden = null;
    for (JsonNode g : Fixtures.goldenAnalyses()) {
      if (!g.toString().toLowerCase(Locale.ROOT).contains("kyoto")) {
        golden = g;
        break;
      }
    }
    byte[] original = Files.readAllBytes(Fixtures.sharedDir().resolve("eval/images/" + golden.path("item_id").asText() + ".jpg"));
    byte[] photo = ExifJpegs.withExif(original,
        ExifJpegs.Tags.at(LocalDateTime.of(2025, 7, 14, 18, 30, 5), "+09:00", 35.0116, 135.7681));
    String id = api.upload(alice, "IMG_2001.jpg", "image/jpeg", photo).path("item").path("id").asText();
    JsonNode item = api.await(alice, PLACED, Map.of("id", id),
        r -> "READY".equals(r.path("data").path("item").path("status").asText()), Duration.ofSeconds(60))
        .path("data").path("item");

    // At the camera's own offset, as its EXIF said.
    assertThat(java.time.OffsetDateTime.parse(item.path("takenAt").asText()))
        .isEqualTo(java.time.OffsetDateTime.parse("2025-07-14T18:30:05+09:00"));
    assertThat(item.path("takenAt").asText()).endsWith("+09:00");
    JsonNode location = item.path("location");
    assertThat(location.path("latitude").asDouble()).isCloseTo(35.0116, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(location.path("city").asText()).isEqualTo("Kyoto");
    assertThat(location.path("country").asText()).isEqualTo("Japan");
    assertThat(location.path("place").asText()).isEqualTo("Kyoto, Japan");

    for (String filter : List.of("{place: \"kyoto\"}", "{place: \"Kyoto, Japan\"}", "{place: \"JAPAN\"}",
        "{near: {latitude: 35.02, longitude: 135.76, radiusKm: 5}}",
        "{takenAfter: \"2025-07-14T00:00:00Z\", takenBefore: \"2025-07-15T00:00:00Z\"}")) {
      assertThat(ids(api, alice, "{ items(filter: " + filter + ") { nodes { id } } }", "items")).as(filter).containsExactly(id);
    }
    for (String filter : List.of("{place: \"Osaka\"}", "{near: {latitude: 48.85, longitude: 2.35, radiusKm: 50}}",
        "{takenAfter: \"2025-08-01T00:00:00Z\"}")) {
      assertThat(ids(api, alice, "{ items(filter: " + filter + ") { nodes { id } } }", "items")).as(filter).isEmpty();
    }
    // Its place's name finds it: by BM25, and in each mode inside the place filter.
    assertThat(searchIds(api, alice, "search(query: \"Kyoto\", mode: BM25)")).contains(id);
    for (String mode : List.of("BM25", "VECTOR", "HYBRID")) {
      assertThat(searchIds(api, alice, "search(query: \"" + golden.path("headline").asText().replace("\"", "")
          + "\", mode: " + mode + ", filter: {place: \"Kyoto\"})")).as(mode).containsExactly(id);
    }
    assertThat(api.data(alice, "{ places { name count } }", Map.of(), "places").toString())
        .isEqualTo("[{\"name\":\"Kyoto, Japan\",\"count\":1}]");

    // Another user: no item, no place, no hit, no location.
    assertThat(ids(api, bob, "{ items(filter: {place: \"Kyoto\"}) { nodes { id } } }", "items")).isEmpty();
    assertThat(api.data(bob, "{ places { name count } }", Map.of(), "places")).isEmpty();
    assertThat(searchIds(api, bob, "search(query: \"Kyoto\", mode: BM25)")).isEmpty();
    assertThat(api.data(bob, PLACED, Map.of("id", id), "item").isNull()).isTrue();
  }

  @Test
  void theLargestImageAnUploadAcceptsIsAnalysedByClaudeFromItsPreview() throws Exception {
    ApiClient api = new ApiClient(app.getLocalPort());
    String token = api.token("largest");
    // 60 megapixels and 20 MB: what completeUpload accepts at most, and four times what Claude takes.
    byte[] largest = TestImages.padded(TestImages.plain("jpeg", 10_000, 6_000), 20_000_000);
    JsonNode analysis = Fixtures.goldenAnalyses().iterator().next();
    provider.replyToOthers(AnalysisFormat.project(analysis));
    try {
      int before = provider.requests().size();
      String id = api.upload(token, "huge.jpg", "image/jpeg", largest).path("item").path("id").asText();
      JsonNode item = api.await(token, "query($id: ID!) { item(id: $id) { status lastError preview { width height } } }",
          Map.of("id", id), r -> List.of("READY", "FAILED").contains(r.path("data").path("item").path("status").asText()),
          Duration.ofSeconds(90)).path("data").path("item");

      assertThat(item.path("status").asText()).as(item.path("lastError").asText()).isEqualTo("READY");
      assertThat(item.path("preview").path("width").asInt()).isEqualTo(1384);
      // What Claude was sent: the preview, within every limit it has.
      JsonNode sent = provider.requests().get(before);
      String base64 = sent.path("messages").get(0).path("content").get(0).path("source").path("data").asText();
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(java.util.Base64.getDecoder().decode(base64)));
      assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(1568);
      assertThat(base64.length()).isLessThan(5 * 1024 * 1024);
      assertThat(provider.requests()).hasSize(before + 1);
    } finally {
      provider.replyToOthers(null);
    }
  }

  private static List<String> ids(ApiClient api, String token, String query, String field) {
    List<String> ids = new ArrayList<>();
    api.data(token, query, Map.of(), field).path("nodes").forEach(n -> ids.add(n.path("id").asText()));
    return ids;
  }

  private static List<String> searchIds(ApiClient api, String token, String search) {
    List<String> ids = new ArrayList<>();
    api.data(token, "{ " + search + " { edges { node { item { id } } } } }", Map.of(), "search").path("edges")
        .forEach(e -> ids.add(e.path("node").path("item").path("id").asText()));
    return ids;
  }
}
