package app.collections.prototype;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.json.Json;
import app.collections.testing.CommandConfig;
import app.collections.testing.Commands;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prototype folder holding exactly the labelled set's golden analyses, written here in the
 * prototype's schema (collections_golden.db, its images and manifest), imported under a golden
 * user: `eval --user` on it scores what `eval --analyses` scores on the same set.
 */
class GoldenPrototypeImportTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path dir;

  @Test
  void aMigratedGoldenCollectionScoresAsTheLabelledSetDoes() throws Exception {
    Path folder = dir.resolve("data");
    writeGoldenFolder(folder);
    String queries = Fixtures.sharedDir().resolve("eval/retrieval_queries.json").toString();

    String imported = Commands.run("import-prototype", folder.toString(), "--golden-user", "golden",
        "--queries", queries, CommandConfig.write(dir, db, 0).toString());
    assertThat(imported).contains("items      source 55, here 55, not imported 0")
        .contains("raw JSON   55 identical byte for byte").contains("Search quality on golden's collection (55 items)");

    JsonNode stored = json(Commands.run("eval", "--user", "golden", "--queries", queries, "--json",
        CommandConfig.write(dir, db, 0).toString()));
    JsonNode labelled = json(Commands.run("eval", "--analyses",
        Fixtures.sharedDir().resolve("eval/golden_analyses.json").toString(), "--queries", queries, "--json",
        CommandConfig.write(dir, db, 0).toString()));

    assertThat(stored.path("documents").asInt()).isEqualTo(55);
    for (int i = 0; i < labelled.path("rows").size(); i++) {
      JsonNode want = labelled.path("rows").get(i);
      JsonNode got = stored.path("rows").get(i);
      assertThat(got.path("mode").asText() + " " + got.path("group").asText())
          .isEqualTo(want.path("mode").asText() + " " + want.path("group").asText());
      assertThat(got.path("mrr").asDouble()).as("%s %s MRR", want.path("mode"), want.path("group"))
          .isCloseTo(want.path("mrr").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  /** The prototype's layout: an empty collections.db, the golden set in collections_golden.db. */
  static void writeGoldenFolder(Path folder) throws Exception {
    Files.createDirectories(folder.resolve("images"));
    Files.createDirectories(folder.resolve("exports"));
    createSchema(folder.resolve(PrototypeData.DATABASE));
    Path golden = folder.resolve(PrototypeData.GOLDEN_DATABASE);
    createSchema(golden);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + golden.toAbsolutePath())) {
      c.setAutoCommit(false);
      try (PreparedStatement item = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?, ?, ?, 'image/jpeg', ?, ?)");
          PreparedStatement analysis = c.prepareStatement(
              "INSERT INTO analyses VALUES (?, ?, 1, ?, ?, ?, NULL, 'golden_analyses.json', NULL, ?)");
          PreparedStatement fts = c.prepareStatement("INSERT INTO items_fts (item_id, content) VALUES (?, ?)")) {
        int n = 0;
        for (JsonNode g : Fixtures.goldenAnalyses()) {
          String id = g.path("item_id").asText();
          byte[] image = Files.readAllBytes(Fixtures.sharedDir().resolve("eval/images/" + id + ".jpg"));
          Files.write(folder.resolve("images/" + id + ".jpg"), image);
          String time = "2025-12-01T09:%02d:00.000000".formatted(n++);
          item.setString(1, id);
          item.setString(2, id + ".jpg");
          item.setString(3, g.path("original_filename").asText(id + ".jpg"));
          item.setString(4, "./data/images/" + id + ".jpg");
          item.setLong(5, image.length);
          item.setString(6, time);
          item.setString(7, time);
          item.executeUpdate();
          analysis.setString(1, java.util.UUID.randomUUID().toString());
          analysis.setString(2, id);
          analysis.setString(3, g.path("category").asText());
          analysis.setString(4, g.path("summary").asText());
          // What eval --analyses indexes: the golden analysis as it is in the file.
          analysis.setString(5, g.toString());
          analysis.setString(6, time);
          analysis.executeUpdate();
          fts.setString(1, id);
          fts.setString(2, g.path("headline").asText() + " " + g.path("summary").asText());
          fts.executeUpdate();
        }
      }
      c.commit();
    }
    PrototypeFolders.writeManifest(folder);
  }

  static void createSchema(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()); Statement s = c.createStatement()) {
      s.execute("""
          CREATE TABLE items (id TEXT PRIMARY KEY, filename TEXT NOT NULL, original_filename TEXT, file_path TEXT NOT NULL,
              file_size INTEGER, mime_type TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""");
      s.execute("""
          CREATE TABLE analyses (id TEXT PRIMARY KEY, item_id TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
              category TEXT, summary TEXT, raw_response TEXT, provider_used TEXT, model_used TEXT, trace_id TEXT,
              created_at TEXT NOT NULL, FOREIGN KEY (item_id) REFERENCES items(id) ON DELETE CASCADE)""");
      s.execute("CREATE VIRTUAL TABLE items_fts USING fts5(item_id UNINDEXED, content, tokenize='unicode61 remove_diacritics 2')");
    }
  }

  /** The pretty-printed JSON report in what a command printed (log lines may surround it). */
  static JsonNode json(String out) throws Exception {
    int start = out.indexOf("\n{") + 1;
    int end = out.lastIndexOf("\n}") + 2;
    return Json.MAPPER.readTree(out.substring(start, end));
  }
}
