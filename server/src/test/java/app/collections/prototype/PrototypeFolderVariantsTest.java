package app.collections.prototype;

import app.collections.pipeline.AnalysisQueue;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.images.ImageInspector;
import app.collections.items.ItemDao;
import app.collections.json.Json;
import app.collections.storage.ImageStore;
import app.collections.local.LocalS3Server;
import app.collections.storage.StorageConfiguration;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Folders that differ from the fixture: only the JSON export, a checksum that does not match, a damaged image. */
class PrototypeFolderVariantsTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir static Path s3Dir;
  @TempDir Path dir;
  static final Path DATA = Fixtures.sharedDir().resolve("prototype/data");
  static LocalS3Server s3;
  static ImageStore images;
  // One per test: the S3 server's objects outlive each test's truncated tables.
  final Tenant tenant = new Tenant("variant-" + UUID.randomUUID());
  final AtomicInteger announced = new AtomicInteger();
  PrototypeImporter importer;

  @BeforeAll
  static void start() throws Exception {
    s3 = new LocalS3Server(s3Dir, 0);
    s3.start();
    images = ImageStore.create(new StorageConfiguration(), s3.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
    images.createBucketIfMissing();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.stop();
  }

  @BeforeEach
  void setUp() {
    db.truncate();
    importer = new PrototypeImporter(db.jdbi(), images, new ImageInspector(),
        new AnalysisQueue(db.jdbi(), 3, (t, id) -> announced.incrementAndGet()));
  }

  @Test
  void readsTheJsonExportWhenTheDatabaseIsAbsent() throws Exception {
    Path folder = copyOfImagesAndManifest();
    writeExport(folder.resolve(PrototypeData.EXPORT));

    try (PrototypeData data = PrototypeData.read(PrototypeFolder.on(folder), PrototypeData.DATABASE)) {
      assertThat(data.source()).isEqualTo(PrototypeData.EXPORT);
      assertThat(data.hasFullTextIndex()).isFalse();
      PrototypeImporter.Run run = importer.run(data, tenant, false, () -> true, o -> {});
      assertThat(run.counts()).containsEntry(PrototypeImporter.Outcome.IMPORTED, 54)
          .containsEntry(PrototypeImporter.Outcome.SKIPPED, 1);
      assertThat(run.analysesAdded()).isEqualTo(59);
    }
    // The export's raw_response strings are the database's: kept byte for byte all the same.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + DATA.resolve("collections.db").toAbsolutePath() + "?mode=ro");
        ResultSet r = c.createStatement().executeQuery("SELECT id, raw_response FROM analyses")) {
      int identical = 0;
      while (r.next()) {
        String id = r.getString(1);
        String raw = r.getString(2);
        identical += db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM analyses WHERE id = CAST(:id AS uuid) AND raw_reply = :raw")
            .bind("id", id).bind("raw", raw).mapTo(Integer.class).one());
      }
      assertThat(identical).isEqualTo(59);
    }
    assertThat(announced).hasValue(2);
  }

  @Test
  void anImageThatDoesNotMatchItsChecksumIsNotImported() throws Exception {
    Path folder = copyOfImagesAndManifest();
    Files.copy(DATA.resolve(PrototypeData.DATABASE), folder.resolve(PrototypeData.DATABASE));
    UUID victim = firstItem();
    // The file changed after the manifest was written.
    Path image = folder.resolve("images/" + victim + ".jpg");
    byte[] bytes = Files.readAllBytes(image);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(image, bytes);

    try (PrototypeData data = PrototypeData.read(PrototypeFolder.on(folder), PrototypeData.DATABASE)) {
      PrototypeImporter.Run run = importer.run(data, tenant, false, () -> true, o -> {});
      assertThat(run.skipped()).containsKey(victim);
      assertThat(run.skipped().get(victim)).startsWith("checksum mismatch: " + victim + ".jpg");
      assertThat(run.counts()).containsEntry(PrototypeImporter.Outcome.IMPORTED, 53);
    }
    assertThat(db.jdbi().onDemand(ItemDao.class).find(tenant, victim)).isEmpty();
    assertThat(images.exists(tenant.id() + "/" + victim + "/original.jpg")).as("nothing half-made").isFalse();
  }

  @Test
  void aDamagedImageIsRejectedByTheUploadsInspection() throws Exception {
    Path folder = copyOfImagesAndManifest();
    Files.copy(DATA.resolve(PrototypeData.DATABASE), folder.resolve(PrototypeData.DATABASE));
    UUID victim = firstItem();
    Path image = folder.resolve("images/" + victim + ".jpg");
    byte[] truncated = Arrays.copyOf(Files.readAllBytes(image), 20_000);
    Files.write(image, truncated);
    // A manifest written from the damaged file: the checksum matches, the image is still no image.
    ArrayNode manifest = (ArrayNode) Json.MAPPER.readTree(folder.resolve(PrototypeData.MANIFEST).toFile());
    manifest.forEach(e -> {
      if (e.path("filename").asText().equals(victim + ".jpg")) {
        ((ObjectNode) e).put("size", truncated.length).put("sha256", HexFormat.of().formatHex(ImageInspector.sha256(truncated)));
      }
    });
    Json.MAPPER.writeValue(folder.resolve(PrototypeData.MANIFEST).toFile(), manifest);

    try (PrototypeData data = PrototypeData.read(PrototypeFolder.on(folder), PrototypeData.DATABASE)) {
      PrototypeImporter.Run run = importer.run(data, tenant, false, () -> true, o -> {});
      assertThat(run.skipped().get(victim)).startsWith("image rejected: ");
    }
    assertThat(db.jdbi().onDemand(ItemDao.class).find(tenant, victim)).isEmpty();
  }

  private UUID firstItem() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + DATA.resolve("collections.db").toAbsolutePath() + "?mode=ro");
        ResultSet r = c.createStatement().executeQuery(
            "SELECT i.id FROM items i WHERE EXISTS (SELECT 1 FROM analyses a WHERE a.item_id = i.id) ORDER BY i.id LIMIT 1")) {
      r.next();
      return UUID.fromString(r.getString(1));
    }
  }

  private Path copyOfImagesAndManifest() throws Exception {
    Path folder = dir.resolve("data");
    Files.createDirectories(folder.resolve("images"));
    Files.createDirectories(folder.resolve("exports"));
    try (var files = Files.list(DATA.resolve("images"))) {
      for (Path f : files.toList()) {
        Files.copy(f, folder.resolve("images").resolve(f.getFileName()));
      }
    }
    Files.copy(DATA.resolve(PrototypeData.MANIFEST), folder.resolve(PrototypeData.MANIFEST));
    return folder;
  }

  /** What the prototype's scripts/export_db.py writes: {exported_at, database_path, tables: {items, analyses}}. */
  private static void writeExport(Path file) throws Exception {
    ObjectNode root = Json.MAPPER.createObjectNode().put("exported_at", "2025-12-09T10:00:00").put("database_path", "./data/collections.db");
    ObjectNode tables = root.putObject("tables");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + DATA.resolve("collections.db").toAbsolutePath() + "?mode=ro")) {
      for (String table : new String[] {"items", "analyses"}) {
        ArrayNode rows = tables.putArray(table);
        try (ResultSet r = c.createStatement().executeQuery("SELECT * FROM " + table)) {
          while (r.next()) {
            ObjectNode row = rows.addObject();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
              row.putPOJO(r.getMetaData().getColumnLabel(i), r.getObject(i));
            }
          }
        }
      }
    }
    Json.MAPPER.writeValue(file.toFile(), root);
  }
}
