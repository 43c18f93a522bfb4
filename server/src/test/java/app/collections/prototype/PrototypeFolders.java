package app.collections.prototype;

import app.collections.images.ImageInspector;
import app.collections.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Prototype data folders made in tests, in the shapes the prototype's own scripts/export_db.py
 * writes (read from its repository): the manifest an object over every file of images/, sorted,
 * the export {@code {exported_at, database_path, tables: {items, analyses}}} of {@code SELECT *}.
 */
public final class PrototypeFolders {
  /** The fixture: ../shared/prototype/data, read in place. */
  public static final Path DATA = app.collections.testing.Fixtures.sharedDir().resolve("prototype/data");

  private PrototypeFolders() {}

  /** The fixture's collections.db copied into {@code folder} without {@code items} (and their analyses). */
  public static void copyDatabaseWithout(Path folder, Set<String> items) throws Exception {
    Path copy = folder.resolve(PrototypeData.DATABASE);
    Files.copy(DATA.resolve(PrototypeData.DATABASE), copy);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath());
        var delete = c.prepareStatement("DELETE FROM items WHERE id = ?");
        var deleteAnalyses = c.prepareStatement("DELETE FROM analyses WHERE item_id = ?")) {
      for (String id : items) {
        delete.setString(1, id);
        delete.executeUpdate();
        deleteAnalyses.setString(1, id);
        deleteAnalyses.executeUpdate();
      }
    }
  }

  /** images/ (with its .gitkeep) and exports/images_manifest.json of {@code source}, copied to {@code folder}. */
  public static Path copyImagesAndManifest(Path source, Path folder) throws Exception {
    Files.createDirectories(folder.resolve("images"));
    Files.createDirectories(folder.resolve("exports"));
    try (Stream<Path> files = Files.list(source.resolve("images"))) {
      for (Path f : files.toList()) {
        Files.copy(f, folder.resolve("images").resolve(f.getFileName()));
      }
    }
    Files.copy(source.resolve(PrototypeData.MANIFEST), folder.resolve(PrototypeData.MANIFEST));
    return folder;
  }

  /** What export_images_manifest() writes for the folder's images/ as it is now. */
  public static void writeManifest(Path folder) throws Exception {
    ObjectNode root = Json.MAPPER.createObjectNode().put("exported_at", "2025-12-27T04:34:18.885982+00:00")
        .put("images_path", "./data/images");
    ArrayNode images = root.putArray("images");
    try (Stream<Path> files = Files.list(folder.resolve("images"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(f);
        images.addObject().put("filename", f.getFileName().toString()).put("size", bytes.length)
            .put("modified", LocalDateTime.ofInstant(Files.getLastModifiedTime(f).toInstant(), ZoneId.of("UTC")).toString())
            .put("sha256", HexFormat.of().formatHex(ImageInspector.sha256(bytes)));
      }
    }
    Files.createDirectories(folder.resolve("exports"));
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(PrototypeData.MANIFEST).toFile(), root);
  }

  /**
   * What export_database() writes from {@code db}, leaving out the items in {@code without} and
   * their analyses; each row's keys in the table's column order, as {@code dict(row)} gives them.
   */
  public static void writeExport(Path db, Path file, Set<String> without) throws Exception {
    ObjectNode root = Json.MAPPER.createObjectNode().put("exported_at", "2025-12-27T04:34:18.885982+00:00")
        .put("database_path", "./data/collections.db");
    ObjectNode tables = root.putObject("tables");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro")) {
      for (String table : new String[] {"items", "analyses"}) {
        ArrayNode rows = tables.putArray(table);
        try (ResultSet r = c.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY created_at")) {
          while (r.next()) {
            String item = r.getString(table.equals("items") ? "id" : "item_id");
            if (without.contains(item)) {
              continue;
            }
            ObjectNode row = rows.addObject();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
              row.putPOJO(r.getMetaData().getColumnLabel(i), r.getObject(i));
            }
          }
        }
      }
    }
    Files.createDirectories(file.getParent());
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }
}
