package app.collections.prototype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes the prototype's files really have, read from its repository (scripts/export_db.py,
 * database.py and data/exports/ at several commits), and the ones it never wrote, refused by name.
 */
class PrototypeDataTest {
  @TempDir Path dir;

  @Test
  void readsTheManifestObjectWithItsGitkeepAndRefusesABareList() {
    PrototypeManifest manifest = PrototypeManifest.parse("""
        {"exported_at": "2025-12-27T04:34:18.885982+00:00", "images_path": "./data/images", "images": [
          {"filename": ".gitkeep", "size": 0, "modified": "2025-11-30T22:35:54.479232",
           "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
          {"filename": "f5129142-8126-4f7b-8b72-72f4024d4078.jpg", "size": 175628, "modified": "2025-12-01T09:22:06.993908",
           "sha256": "B52A9E4B64311F58500A156465F59222ABF80A5398ADE9DFD29DE046729FFA73"}]}
        """.getBytes(StandardCharsets.UTF_8));
    assertThat(manifest.all()).hasSize(2);
    assertThat(manifest.entry("f5129142-8126-4f7b-8b72-72f4024d4078.jpg").orElseThrow().sha256())
        .isEqualTo("b52a9e4b64311f58500a156465f59222abf80a5398ade9dfd29de046729ffa73");

    assertThatThrownBy(() -> PrototypeManifest.parse("[{\"filename\": \"a.jpg\", \"sha256\": \"00\"}]".getBytes()))
        .isInstanceOf(PrototypeFormatException.class)
        .hasMessage("exports/images_manifest.json is not what the prototype writes: expected " + PrototypeManifest.SHAPE
            + ", found a bare list of 1 entries");
    assertThatThrownBy(() -> PrototypeManifest.parse("{\"exported_at\": \"x\", \"files\": []}".getBytes()))
        .hasMessageEndingWith("found an object with the keys [exported_at, files]");
    assertThatThrownBy(() -> PrototypeManifest.parse("{\"images\": [{\"filename\": \"a.jpg\", \"sha256\": \"0\"}]}".getBytes()))
        .hasMessageContaining("images[0] = {\"filename\":\"a.jpg\",\"sha256\":\"0\"}");
  }

  @Test
  void readsTheExportAsTheScriptWritesItWithNullsMissingKeysAndPhoneNames() throws Exception {
    Files.createDirectories(dir.resolve("exports"));
    // provider_used last (added by ALTER TABLE), null trace_id, an older row without provider_used
    // at all, a time without microseconds (Python's isoformat() drops zero ones), a phone's name.
    Files.writeString(dir.resolve(PrototypeData.EXPORT), """
        {"exported_at": "2025-12-27T04:34:18.885982+00:00", "database_path": "./data/collections.db", "tables": {
          "items": [{"id": "0bbb1238-8d46-4cc0-8c34-18ea42b2df00", "filename": "0bbb1238-8d46-4cc0-8c34-18ea42b2df00.jpg",
                     "original_filename": "04E9AD59-2D27-409A-94D9-B489427327EB.jpg",
                     "file_path": "./data/images/0bbb1238-8d46-4cc0-8c34-18ea42b2df00.jpg", "file_size": null,
                     "mime_type": "image/jpeg", "created_at": "2025-12-02T23:05:48", "updated_at": "2025-12-02T23:05:48"}],
          "analyses": [
            {"id": "8a1e5f7e-0000-4000-8000-000000000002", "item_id": "0bbb1238-8d46-4cc0-8c34-18ea42b2df00", "version": 2,
             "category": "Food", "summary": "s", "raw_response": "{\\"category\\": \\"Food\\"}", "model_used": "gpt-4o",
             "trace_id": "019af11b-1e05-7e83-a571-52b80918b15a", "created_at": "2025-12-03T10:00:00.000001",
             "provider_used": "openai"},
            {"id": "8a1e5f7e-0000-4000-8000-000000000001", "item_id": "0bbb1238-8d46-4cc0-8c34-18ea42b2df00", "version": 1,
             "category": "Food", "summary": "s", "raw_response": "{\\"category\\": \\"Food\\"}", "model_used": null,
             "trace_id": null, "created_at": "2025-12-02T23:05:48.135119"}]}}
        """);
    try (PrototypeData data = PrototypeData.read(PrototypeFolder.on(dir), PrototypeData.DATABASE)) {
      assertThat(data.source()).isEqualTo(PrototypeData.EXPORT);
      PrototypeData.Item item = data.items().getFirst();
      assertThat(item.originalFilename()).isEqualTo("04E9AD59-2D27-409A-94D9-B489427327EB.jpg");
      assertThat(item.imagePath()).isEqualTo("images/0bbb1238-8d46-4cc0-8c34-18ea42b2df00.jpg");
      assertThat(item.fileSize()).isNull();
      assertThat(item.createdAt()).isEqualTo(OffsetDateTime.parse("2025-12-02T23:05:48Z"));
      var versions = data.analysesOf(item.id());
      assertThat(versions).extracting(PrototypeData.Analysis::version).containsExactly(1, 2);
      assertThat(versions.get(0).provider()).isNull();
      assertThat(PrototypeImporter.row(versions.get(0)).provider()).isEqualTo("anthropic");
      assertThat(PrototypeImporter.row(versions.get(0)).model()).isEqualTo("unknown");
      assertThat(versions.get(1).provider()).isEqualTo("openai");
      assertThat(data.manifest().present()).isFalse();
    }
    assertThat(PrototypeData.time("2025-12-27T20:21:53.864426+00:00")).isEqualTo(OffsetDateTime.parse("2025-12-27T20:21:53.864426Z"));
    assertThat(PrototypeData.time("2025-12-27 20:21:53")).isEqualTo(OffsetDateTime.parse("2025-12-27T20:21:53Z"));
  }

  @Test
  void refusesAnExportThatIsNotTheScriptsShape() throws Exception {
    Files.createDirectories(dir.resolve("exports"));
    Files.writeString(dir.resolve(PrototypeData.EXPORT), "{\"items\": [], \"analyses\": []}");
    assertThatThrownBy(() -> PrototypeData.read(PrototypeFolder.on(dir), PrototypeData.DATABASE))
        .isInstanceOf(PrototypeFormatException.class)
        .hasMessage("exports/database.json is not what the prototype writes: expected " + PrototypeData.EXPORT_SHAPE
            + ", found an object with the keys [items, analyses]");
  }

  @Test
  void readsACollectionsDbFromBeforeProviderUsedWasAdded() throws Exception {
    // database.py before its ALTER TABLE analyses ADD COLUMN provider_used.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(PrototypeData.DATABASE));
        Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE items (id TEXT PRIMARY KEY, filename TEXT NOT NULL, original_filename TEXT, file_path TEXT NOT NULL,
              file_size INTEGER, mime_type TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""");
      s.execute("""
          CREATE TABLE analyses (id TEXT PRIMARY KEY, item_id TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
              category TEXT, summary TEXT, raw_response TEXT, model_used TEXT, trace_id TEXT, created_at TEXT NOT NULL)""");
      String item = UUID.randomUUID().toString();
      s.execute("INSERT INTO items VALUES ('" + item + "', '" + item + ".jpg', 'IMG_7901 Large.jpeg', './data/images/"
          + item + ".jpg', 10, 'image/jpeg', '2025-12-02T23:05:48.135119', '2025-12-02T23:05:48.135119')");
      s.execute("INSERT INTO analyses VALUES ('" + UUID.randomUUID() + "', '" + item
          + "', 1, 'Food', 's', '{}', 'claude-sonnet-4-5', NULL, '2025-12-02T23:05:48.135119')");
    }
    try (PrototypeData data = PrototypeData.read(PrototypeFolder.on(dir), PrototypeData.DATABASE)) {
      assertThat(data.items().getFirst().originalFilename()).isEqualTo("IMG_7901 Large.jpeg");
      assertThat(data.analysisCount()).isEqualTo(1);
      assertThat(data.analysesOf(data.items().getFirst().id()).getFirst().provider()).isNull();
    }
  }
}
