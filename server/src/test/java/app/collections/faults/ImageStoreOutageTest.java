package app.collections.faults;

import app.collections.lifecycle.ItemLifecycle;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.analyses.AnalysisDao;
import app.collections.auth.Tenant;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlLimits;
import app.collections.images.ImageInspector;
import app.collections.items.ItemDao;
import app.collections.items.ItemDataFetchers;
import app.collections.items.ItemService;
import app.collections.analyses.AnalysisDataFetchers;
import app.collections.storage.ImageStore;
import app.collections.local.LocalS3Server;
import app.collections.storage.StorageConfiguration;
import app.collections.testing.ApiClient;
import app.collections.testing.Fixtures;
import app.collections.testing.GraphqlTester;
import app.collections.testing.TestDatabase;
import app.collections.tools.importer.FolderImporter;
import app.collections.uploads.UploadDataFetchers;
import app.collections.uploads.UploadService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server down when completeUpload runs (after the client's PUT): a coded error, no item,
 * the upload still open; the same completeUpload succeeds once S3 is back on the same folder.
 */
class ImageStoreOutageTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  static final String CREATE = """
      mutation($input: CreateUploadInput!) { createUpload(input: $input) { uploadId uploadUrl uploadHeaders { name value } } }""";
  static final String COMPLETE = """
      mutation($id: ID!) { completeUpload(input: {uploadId: $id}) { duplicate item { id status } } }""";

  @TempDir Path s3Dir;

  @Test
  void completeUploadWithS3DownMakesNothingAndTheRetrySucceeds() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    LocalS3Server s3 = new LocalS3Server(s3Dir, port);
    s3.start();
    StorageConfiguration config = new StorageConfiguration();
    ImageStore images = ImageStore.create(config, s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
    images.createBucketIfMissing();
    UploadService uploads = new UploadService(db.jdbi(), images, new ImageInspector(), config,
        new ItemLifecycle(db.jdbi(), 3, (t, i) -> {}));
    GraphqlLimits limits = new GraphqlLimits();
    ItemDao items = db.jdbi().onDemand(ItemDao.class);
    GraphqlTester graphql = new GraphqlTester(new GraphqlEngine(List.of(
        new ItemDataFetchers(items, new ItemService(items, key -> {}), limits.getMaxPageSize()),
        new AnalysisDataFetchers(db.jdbi().onDemand(AnalysisDao.class)),
        new UploadDataFetchers(uploads, images, Duration.ofMinutes(5))), limits));
    Tenant alice = new Tenant("alice");
    Path image = FolderImporter.images(Fixtures.sharedDir().resolve("eval/images")).getFirst();
    byte[] bytes = Files.readAllBytes(image);
    try {
      JsonNode created = graphql.run(alice, CREATE, Map.of("input", Map.of(
          "filename", "a.jpg", "contentType", "image/jpeg", "byteSize", bytes.length))).path("data").path("createUpload");
      assertThat(new ApiClient(0).put(created.path("uploadUrl").asText(), created.path("uploadHeaders"), bytes))
          .isEqualTo(200);
      String uploadId = created.path("uploadId").asText();

      s3.stop();
      JsonNode down = graphql.run(alice, COMPLETE, Map.of("id", uploadId));
      assertThat(GraphqlTester.errorCode(down)).as("%s", down).isEqualTo("UNAVAILABLE");
      assertThat(itemCount()).as("no half-made item").isZero();

      s3 = new LocalS3Server(s3Dir, port);
      s3.start();
      JsonNode retried = graphql.run(alice, COMPLETE, Map.of("id", uploadId));
      assertThat(retried.path("errors").isMissingNode()).as("%s", retried).isTrue();
      assertThat(retried.path("data").path("completeUpload").path("duplicate").asBoolean()).isFalse();
      assertThat(retried.path("data").path("completeUpload").path("item").path("status").asText()).isEqualTo("PENDING");
      assertThat(itemCount()).isEqualTo(1);
    } finally {
      s3.stop();
      images.close();
    }
  }

  private static int itemCount() {
    return db.jdbi().withHandle(h -> h.select("SELECT count(*) FROM items").mapTo(Integer.class).one());
  }
}
