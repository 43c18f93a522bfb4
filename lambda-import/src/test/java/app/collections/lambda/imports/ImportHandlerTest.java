package app.collections.lambda.imports;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.CollectionsConfiguration;
import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.json.Json;
import app.collections.lambda.FakeLambdaContext;
import app.collections.lambda.ProductionConfig;
import app.collections.prototype.PrototypeData;
import app.collections.prototype.PrototypeFolders;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
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
  static ImageStore images;
  static String missing;
  @TempDir Path dir;
  final Tenant tenant = new Tenant("aws-user");
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void listen() {
    // Item ids are the prototype's, one owner each: every test imports the same ones afresh.
    db.truncate();
    logged.start();
    ((Logger) LoggerFactory.getLogger(ImportHandler.class)).addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger(ImportHandler.class)).detachAppender(logged);
  }

  @BeforeAll
  static void start() throws Exception {
    voyage = new FakeVoyage();
    s3 = new LocalS3Server(s3Dir, 0);
    s3.start();
    CollectionsConfiguration config = ProductionConfig.load(db, Map.of("VOYAGE_BASE_URL", voyage.url()));
    config.getStorage().setEndpoint(s3.endpoint());
    config.getStorage().setAccessKey(LocalS3Server.ACCESS_KEY);
    config.getStorage().setSecretKey(LocalS3Server.SECRET_KEY);
    missing = Json.MAPPER.readTree(Fixtures.sharedDir().resolve("prototype/fixture-notes.json").toFile())
        .path("missing_image").get(0).asText();
    images = ImageStore.create(config.getStorage());
    images.createBucketIfMissing();
    // aws s3 sync ../shared/prototype/data s3://collections-imports/alice/
    images.client().createBucket(b -> b.bucket(STAGING));
    stage(Fixtures.sharedDir().resolve("prototype/data"), "alice/", images);
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
    List<JsonNode> answers = invokeUntilDone(event);
    JsonNode answer = answers.getLast();
    int invocations = answers.size();

    // 54 items and 52 embeddings at 20 a slice: several invocations, each resuming the last.
    assertThat(invocations).as(answer.toString()).isGreaterThanOrEqualTo(4);
    assertThat(answer.path("done").asBoolean()).isTrue();
    // The fixture's missing image: not OK, and the answer and the log say which item and why.
    assertThat(answer.path("ok").asBoolean()).as(answer.path("report").asText()).isFalse();
    assertThat(answer.path("verdict").asText())
        .isEqualTo("NOT OK: 1 of 55 item(s) not here (image missing: 1); 1 of 60 analysis version(s) not here"
            + " (its item was not imported: 1)");
    assertThat(answer.path("validation").path("missingItems").path(missing).asText())
        .isEqualTo("image missing: images/" + missing + ".jpg");
    assertThat(logged.list).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains("NOT OK: 1 of 55").contains(missing + "=image missing")
          .doesNotContain(tenant.id());
    });
    assertThat(answer.path("validation").path("items").path("present").asInt()).isEqualTo(54);
    assertThat(answer.path("validation").path("analyses").path("present").asInt()).isEqualTo(59);
    assertThat(answer.path("validation").path("rawIdentical").asInt()).isEqualTo(59);
    assertThat(answer.path("report").asText()).contains("52 analysed item(s), 0 without vectors of voyage-3.5-lite");
    assertThat(db.jdbi().onDemand(ItemDao.class).ids(tenant)).hasSize(54);

    // reindex, which production could not run before: a model switch's re-embed, in slices too.
    db.jdbi().useHandle(h -> h.execute("DELETE FROM embeddings WHERE user_id = ?", tenant.id()));
    String reindex = """
        {"action": "reindex", "user": "%s", "maxItems": 20}""".formatted(tenant.id());
    answers = invokeUntilDone(reindex);
    int embedded = answers.stream().mapToInt(a -> a.path("embedded").asInt()).sum();
    assertThat(answers.size()).isGreaterThan(1);
    assertThat(embedded).isEqualTo(52);
    int withVectors = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(DISTINCT item_id) FROM embeddings WHERE user_id = ?").bind(0, tenant.id()).mapTo(Integer.class).one());
    assertThat(withVectors).isEqualTo(52);
  }

  @Test
  void aWholeStagedFolderSaysOk() throws Exception {
    Path folder = PrototypeFolders.copyImagesAndManifest(PrototypeFolders.DATA, dir.resolve("whole"));
    PrototypeFolders.copyDatabaseWithout(folder, Set.of(missing));
    stage(folder, "whole/", images);
    String event = """
        {"action": "import-prototype", "bucket": "%s", "prefix": "whole/", "user": "aws-whole"}""".formatted(STAGING);
    JsonNode answer = invokeUntilDone(event).getLast();

    assertThat(answer.path("ok").asBoolean()).as(answer.path("report").asText()).isTrue();
    assertThat(answer.path("verdict").asText())
        .isEqualTo("OK: nothing was lost: all 54 item(s), 59 analysis version(s) and their images are here");
    assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("OK: nothing was lost"));
  }

  @Test
  void aManifestNotInThePrototypesShapeIsRefusedAtOnceWithWhy() throws Exception {
    Path folder = PrototypeFolders.copyImagesAndManifest(PrototypeFolders.DATA, dir.resolve("bare"));
    Files.copy(PrototypeFolders.DATA.resolve(PrototypeData.DATABASE), folder.resolve(PrototypeData.DATABASE));
    JsonNode manifest = Json.MAPPER.readTree(folder.resolve(PrototypeData.MANIFEST).toFile());
    Json.MAPPER.writeValue(folder.resolve(PrototypeData.MANIFEST).toFile(), manifest.get("images"));
    stage(folder, "bare/", images);

    JsonNode answer = invoke("""
        {"action": "import-prototype", "bucket": "%s", "prefix": "bare/", "user": "aws-bare"}""".formatted(STAGING));

    assertThat(answer.path("done").asBoolean()).isTrue();
    assertThat(answer.path("ok").asBoolean()).isFalse();
    assertThat(answer.path("error").asText()).startsWith("nothing imported: exports/images_manifest.json is not what"
        + " the prototype writes").contains("found a bare list of 55 entries");
    assertThat(db.jdbi().onDemand(ItemDao.class).ids(new Tenant("aws-bare"))).isEmpty();
  }

  /** What {@code aws s3 sync FOLDER s3://STAGING/PREFIX} leaves. */
  private static void stage(Path folder, String prefix, ImageStore images) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String key = prefix + folder.relativize(file).toString().replace('\\', '/');
        images.client().putObject(p -> p.bucket(STAGING).key(key), RequestBody.fromFile(file));
      }
    }
  }

  /** Invokes the function again while it answers "done": false, as docs/deploy.md's loop does; every answer. */
  private static List<JsonNode> invokeUntilDone(String event) throws Exception {
    List<JsonNode> answers = new ArrayList<>();
    do {
      answers.add(invoke(event));
    } while (!answers.getLast().path("done").asBoolean() && answers.size() < 20);
    return answers;
  }

  private static JsonNode invoke(String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes()), out, new FakeLambdaContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }
}
