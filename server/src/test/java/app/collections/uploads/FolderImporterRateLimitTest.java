package app.collections.uploads;

import app.collections.server.ServerConfiguration;
import app.collections.tools.importer.FolderImporter;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.CollectionsConfiguration;
import app.collections.testing.ApiClient;
import app.collections.testing.FakeVisionProvider;
import app.collections.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A folder bigger than the viewer's request bucket: the importer waits out each 429 for as long as
 * its Retry-After says and finishes, rather than reporting every image past the burst as rejected.
 */
class FolderImporterRateLimitTest {
  static final FakeVisionProvider provider = new FakeVisionProvider();

  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  /** Two requests an image (createUpload, completeUpload): four images need twice the burst. */
  static final int BURST = 4;

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", UploadPipelineTest.tempDir().toString()),
      ConfigOverride.config("vision.anthropic.apiKey", "test-anthropic-key"),
      ConfigOverride.config("vision.anthropic.baseUrl", provider.anthropicUrl()),
      ConfigOverride.config("rateLimits.store", "memory"),
      ConfigOverride.config("rateLimits.requests.burst", Integer.toString(BURST)),
      // One request a second: a 429's Retry-After is 1 s.
      ConfigOverride.config("rateLimits.requests.perMinute", "60"));

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void aFolderPastTheBurstIsUploadedWholeByWaitingOutEach429() throws Exception {
    ApiClient api = new ApiClient(app.getLocalPort());
    String token = api.token("patient");
    Path folder = Files.createTempDirectory("import-limited");
    List<Path> shared = UploadPipelineTest.sharedImages();
    for (Path image : shared.subList(20, 24)) {
      Files.copy(image, folder.resolve(image.getFileName()));
    }
    FolderImporter importer = new FolderImporter(java.net.URI.create("http://127.0.0.1:" + app.getLocalPort()), token);

    FolderImporter.Summary summary = importer.upload(FolderImporter.images(folder), f -> {});

    assertThat(summary.rejected()).isEmpty();
    assertThat(summary.added()).hasSize(4);
    // Read in the database: the bucket is spent, and the test's own query would wait in line too.
    int stored = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM items WHERE user_id = 'patient'")
        .mapTo(Integer.class).one());
    assertThat(stored).isEqualTo(4);
  }
}
