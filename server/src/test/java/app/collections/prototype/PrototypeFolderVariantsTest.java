package app.collections.prototype;

import app.collections.lifecycle.ItemLifecycle;
import app.collections.pipeline.DeriveStep;
import app.collections.images.Renderer;
import app.collections.places.ReverseGeocoder;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.images.ImageInspector;
import app.collections.items.ItemDao;
import app.collections.json.Json;
import app.collections.storage.ImageStore;
import app.collections.testing.Fixtures;
import app.collections.testing.LocalS3Extension;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders that differ from the fixture: only the JSON export, a checksum that does not match, a
 * damaged image, an image the manifest does not list, the same image under two ids.
 */
class PrototypeFolderVariantsTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path dir;
  static final Path DATA = Fixtures.sharedDir().resolve("prototype/data");
  @RegisterExtension static final LocalS3Extension s3 = new LocalS3Extension();
  static ImageStore images;
  // One per test: the S3 server's objects outlive each test's truncated tables.
  final Tenant tenant = new Tenant("variant-" + UUID.randomUUID());
  final AtomicInteger announced = new AtomicInteger();
  PrototypeImporter importer;

  @BeforeAll
  static void start() {
    images = s3.images();
  }

  @BeforeEach
  void setUp() {
    db.truncate();
    ItemLifecycle lifecycle = new ItemLifecycle(db.jdbi(), 3, (t, id) -> announced.incrementAndGet());
    importer = new PrototypeImporter(db.jdbi(), images, new ImageInspector(),
        lifecycle,
        new DeriveStep(db.jdbi(), images, new Renderer(), new ReverseGeocoder(), lifecycle));
  }

  @Test
  void readsTheJsonExportWhenTheDatabaseIsAbsent() throws Exception {
    // The fixture's exports/database.json, as the prototype's export script wrote it beside the .db.
    Path folder = copyOfImagesAndManifest();
    Files.copy(DATA.resolve(PrototypeData.EXPORT), folder.resolve(PrototypeData.EXPORT));

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
  void anImageTheManifestDoesNotListIsImportedWithItsChecksumComputedHere() throws Exception {
    Path folder = copyOfImagesAndManifest();
    Files.copy(DATA.resolve(PrototypeData.DATABASE), folder.resolve(PrototypeData.DATABASE));
    UUID unlisted = firstItem();
    editManifest(folder, images -> {
      for (int i = images.size() - 1; i >= 0; i--) {
        if (images.get(i).path("filename").asText().equals(unlisted + ".jpg")) {
          images.remove(i);
        }
      }
    });

    try (PrototypeData data = PrototypeData.read(PrototypeFolder.on(folder), PrototypeData.DATABASE)) {
      assertThat(data.manifest().entry(unlisted + ".jpg")).isEmpty();
      PrototypeImporter.Run run = importer.run(data, tenant, false, () -> true, o -> {});
      assertThat(run.skipped()).doesNotContainKey(unlisted);
      assertThat(run.counts()).containsEntry(PrototypeImporter.Outcome.IMPORTED, 54);
    }
    byte[] bytes = Files.readAllBytes(folder.resolve("images/" + unlisted + ".jpg"));
    assertThat(db.jdbi().onDemand(ImportDao.class).storedItems(tenant, java.util.List.of(unlisted)).getFirst().sha256())
        .isEqualTo(ImageInspector.sha256(bytes));
  }

  @Test
  void theSameImageUnderTwoIdsIsOneItemWithTheAnalysesOfBoth() throws Exception {
    // The prototype's repository has manifests listing one sha256 under several ids: the same
    // photo uploaded twice. Here an image is one item, so the second is merged into the first.
    Path folder = copyOfImagesAndManifest();
    UUID original = firstItem();
    UUID duplicate = UUID.fromString("04e9ad59-2d27-409a-94d9-b489427327eb");
    Files.copy(folder.resolve("images/" + original + ".jpg"), folder.resolve("images/" + duplicate + ".jpg"));
    PrototypeFolders.writeManifest(folder);
    Path export = folder.resolve(PrototypeData.EXPORT);
    PrototypeFolders.writeExport(DATA.resolve(PrototypeData.DATABASE), export, java.util.Set.of());
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(export.toFile());
    ObjectNode tables = (ObjectNode) root.get("tables");
    ObjectNode item = ((ArrayNode) tables.get("items")).addObject();
    item.put("id", duplicate.toString()).put("filename", duplicate + ".jpg")
        .put("original_filename", "04E9AD59-2D27-409A-94D9-B489427327EB.jpg")
        .put("file_path", "./data/images/" + duplicate + ".jpg").put("file_size", Files.size(folder.resolve("images/" + duplicate + ".jpg")))
        .put("mime_type", "image/jpeg").put("created_at", "2025-12-28T10:00:00").put("updated_at", "2025-12-28T10:00:00");
    UUID secondAnalysis = UUID.randomUUID();
    ((ArrayNode) tables.get("analyses")).addObject().put("id", secondAnalysis.toString())
        .put("item_id", duplicate.toString()).put("version", 1).put("category", "Food").put("summary", "again")
        .put("raw_response", "{\"category\": \"Food\", \"headline\": \"the same photo, again\"}")
        .put("model_used", "claude-sonnet-4-5").putNull("trace_id").put("created_at", "2025-12-28T10:00:01")
        .putNull("provider_used");
    Json.MAPPER.writeValue(export.toFile(), root);

    try (PrototypeData data = PrototypeData.read(PrototypeFolder.on(folder), PrototypeData.DATABASE)) {
      PrototypeImporter.Run dry = importer.run(data, tenant, true, () -> true, o -> {});
      assertThat(dry.merged()).containsEntry(duplicate, original);
      PrototypeImporter.Run run = importer.run(data, tenant, false, () -> true, o -> {});
      assertThat(run.counts()).containsEntry(PrototypeImporter.Outcome.MERGED, 1)
          .containsEntry(PrototypeImporter.Outcome.IMPORTED, 54);
      assertThat(run.merged()).containsEntry(duplicate, original);
      PrototypeImporter.Run again = importer.run(data, tenant, false, () -> true, o -> {});
      assertThat(again.addedNothing()).isTrue();
      assertThat(again.counts()).containsEntry(PrototypeImporter.Outcome.ALREADY_THERE, 55);
    }
    assertThat(db.jdbi().onDemand(ItemDao.class).find(tenant, duplicate)).isEmpty();
    // The duplicate's version follows the original's own.
    var versions = db.jdbi().onDemand(ImportDao.class).analysisVersions(tenant, original);
    int own = (int) PrototypeImportTest.rows("SELECT id FROM analyses WHERE item_id = '" + original + "'").size();
    assertThat(versions).hasSize(own + 1);
    assertThat(versions.getLast().version()).isEqualTo(own + 1);
    assertThat(versions.getLast().id()).isEqualTo(secondAnalysis);
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
    PrototypeFolders.writeManifest(folder);

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
    return PrototypeFolders.copyImagesAndManifest(DATA, dir.resolve("data"));
  }

  /** Changes the list of the folder's manifest in place. */
  private static void editManifest(Path folder, java.util.function.Consumer<ArrayNode> edit) throws Exception {
    ObjectNode manifest = (ObjectNode) Json.MAPPER.readTree(folder.resolve(PrototypeData.MANIFEST).toFile());
    edit.accept((ArrayNode) manifest.get("images"));
    Json.MAPPER.writeValue(folder.resolve(PrototypeData.MANIFEST).toFile(), manifest);
  }
}
