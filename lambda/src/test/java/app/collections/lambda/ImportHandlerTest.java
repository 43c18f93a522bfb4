package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.CollectionsConfiguration;
import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.json.Json;
import app.collections.storage.ImageStore;
import app.collections.local.LocalS3Server;
import app.collections.testing.FakeVoyage;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The import on AWS, in process: the prototype folder staged in S3 (as `aws s3 sync` leaves it, on
 * the local S3 server), the production configuration, and invocations in slices until done.
 */
class ImportHandlerTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir static Path s3Dir;
  static final String STAGING = "collections-imports";
  static FakeVoyage voyage;
  static LocalS3Server s3;
  static ImportHandler handler;
  final Tenant tenant = new Tenant("aws-user");

  @BeforeAll
  static void start() throws Exception {
    voyage = new FakeVoyage();
    s3 = new LocalS3Server(s3Dir, 0);
    s3.start();
    CollectionsConfiguration config = ProductionConfig.load(db, Map.of("VOYAGE_BASE_URL", voyage.url()));
    config.getStorage().setEndpoint(s3.endpoint());
    config.getStorage().setAccessKey(LocalS3Server.ACCESS_KEY);
    config.getStorage().setSecretKey(LocalS3Server.SECRET_KEY);
    ImageStore images = ImageStore.create(config.getStorage());
    images.createBucketIfMissing();
    // aws s3 sync ../shared/prototype/data s3://collections-imports/alice/
    images.client().createBucket(b -> b.bucket(STAGING));
    Path data = Fixtures.sharedDir().resolve("prototype/data");
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String key = "alice/" + data.relativize(file).toString().replace('\\', '/');
        images.client().putObject(p -> p.bucket(STAGING).key(key), RequestBody.fromFile(file));
      }
    }
    handler = new ImportHandler(config);
  }

  @AfterAll
  static void stop() throws Exception {
    voyage.close();
    s3.stop();
  }

  @Test
  void importsTheStagedFolderInSlicesThenReindexesInSlices() throws Exception {
    String event = """
        {"action": "import-prototype", "bucket": "%s", "prefix": "alice/", "user": "%s", "maxItems": 20}"""
        .formatted(STAGING, tenant.id());
    JsonNode answer;
    int invocations = 0;
    do {
      answer = invoke(event);
      invocations++;
    } while (!answer.path("done").asBoolean() && invocations < 20);

    // 54 items and 52 embeddings at 20 a slice: several invocations, each resuming the last.
    assertThat(invocations).isGreaterThanOrEqualTo(4);
    assertThat(answer.path("done").asBoolean()).isTrue();
    assertThat(answer.path("ok").asBoolean()).as(answer.path("report").asText()).isTrue();
    assertThat(answer.path("validation").path("items").path("present").asInt()).isEqualTo(54);
    assertThat(answer.path("validation").path("analyses").path("present").asInt()).isEqualTo(59);
    assertThat(answer.path("validation").path("rawIdentical").asInt()).isEqualTo(59);
    assertThat(answer.path("report").asText()).contains("52 analysed item(s), 0 without vectors of voyage-3.5-lite");
    assertThat(db.jdbi().onDemand(ItemDao.class).ids(tenant)).hasSize(54);

    // reindex, which production could not run before: a model switch's re-embed, in slices too.
    db.jdbi().useHandle(h -> h.execute("DELETE FROM embeddings WHERE user_id = ?", tenant.id()));
    String reindex = """
        {"action": "reindex", "user": "%s", "maxItems": 20}""".formatted(tenant.id());
    int embedded = 0;
    invocations = 0;
    do {
      answer = invoke(reindex);
      embedded += answer.path("embedded").asInt();
      invocations++;
    } while (!answer.path("done").asBoolean() && invocations < 20);
    assertThat(invocations).isGreaterThan(1);
    assertThat(embedded).isEqualTo(52);
    int withVectors = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(DISTINCT item_id) FROM embeddings WHERE user_id = ?").bind(0, tenant.id()).mapTo(Integer.class).one());
    assertThat(withVectors).isEqualTo(52);
  }

  private static JsonNode invoke(String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes()), out, new FakeLambdaContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }
}
