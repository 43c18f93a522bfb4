package app.collections.prototype;


import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a prototype data folder holds, read in the prototype's own schema: its items and every
 * analysis version from {@code collections.db} (or {@code exports/database.json} when the .db is
 * absent), the image manifest, and how many chat sessions {@code conversations.db} has. The SQLite
 * file stays open for the prototype's own FTS5 ranking (the validation's sample queries).
 */
public final class PrototypeData implements AutoCloseable {
  public static final String DATABASE = "collections.db";
  public static final String GOLDEN_DATABASE = "collections_golden.db";
  public static final String EXPORT = "exports/database.json";
  public static final String MANIFEST = PrototypeManifest.PATH;
  /** What {@code scripts/export_db.py} writes: the rows of its two tables, {@code SELECT *} each. */
  static final String EXPORT_SHAPE = "an object {\"exported_at\", \"database_path\", \"tables\": {\"items\": [rows],"
      + " \"analyses\": [rows]}} as the prototype's scripts/export_db.py writes it";
  public static final String CONVERSATIONS = "conversations.db";
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  /** A row of the prototype's {@code items}; times are its naive ISO strings, read as UTC. */
  public record Item(UUID id, String filename, String originalFilename, String filePath, Long fileSize,
      String mimeType, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The image's path in the folder: {@code images/} and the file name of its {@code file_path}. */
    public String imagePath() {
      String path = filePath != null && !filePath.isBlank() ? filePath : filename;
      return "images/" + path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
    }
  }

  /** A row of {@code analyses}; {@code rawResponse} is the model's JSON text exactly as stored. */
  public record Analysis(UUID id, UUID itemId, int version, String category, String summary, String rawResponse,
      String provider, String model, String traceId, OffsetDateTime createdAt) {}

  private final PrototypeFolder folder;
  private final String source;
  private final Connection sqlite;
  private final List<Item> items;
  private final Map<UUID, List<Analysis>> analyses;
  private final PrototypeManifest manifest;
  private final Integer chatSessions;

  private PrototypeData(PrototypeFolder folder, String source, Connection sqlite, List<Item> items, List<Analysis> analyses,
      PrototypeManifest manifest, Integer chatSessions) {
    this.folder = folder;
    this.source = source;
    this.sqlite = sqlite;
    this.items = List.copyOf(items);
    Map<UUID, List<Analysis>> byItem = new LinkedHashMap<>();
    for (Analysis a : analyses) {
      byItem.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(a);
    }
    byItem.values().forEach(list -> list.sort(Comparator.comparingInt(Analysis::version)));
    this.analyses = byItem;
    this.manifest = manifest;
    this.chatSessions = chatSessions;
  }

  /** Reads {@code database} (collections.db or collections_golden.db) of the folder, or its JSON export. */
  public static PrototypeData read(PrototypeFolder folder, String database) {
    PrototypeManifest manifest = folder.read(MANIFEST).map(PrototypeManifest::parse).orElse(PrototypeManifest.NONE);
    Integer sessions = folder.local(CONVERSATIONS).map(PrototypeData::countSessions).orElse(null);
    Optional<Path> db = folder.local(database);
    if (db.isPresent()) {
      try {
        Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.get().toAbsolutePath() + "?mode=ro");
        try {
          return new PrototypeData(folder, database, c, readItems(c), readAnalyses(c), manifest, sessions);
        } catch (SQLException | RuntimeException e) {
          c.close();
          throw e;
        }
      } catch (SQLException e) {
        throw new IllegalArgumentException("cannot read " + folder.describe() + "/" + database + ": " + e.getMessage(), e);
      }
    }
    if (!database.equals(DATABASE)) {
      throw new IllegalArgumentException(folder.describe() + " has no " + database);
    }
    byte[] export = folder.read(EXPORT).orElseThrow(() -> new IllegalArgumentException(
        folder.describe() + " has neither " + DATABASE + " nor " + EXPORT + ": is it a prototype data folder?"));
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(export);
    } catch (IOException e) {
      throw new PrototypeFormatException(EXPORT + " is not JSON (" + PrototypeManifest.jsonError(e) + "): expected " + EXPORT_SHAPE, e);
    }
    JsonNode tables = root == null ? null : root.path("tables");
    if (tables == null || !tables.path("items").isArray() || !tables.path("analyses").isArray()) {
      throw new PrototypeFormatException(EXPORT, EXPORT_SHAPE, root != null && root.path("tables").isObject()
          ? "\"tables\" " + PrototypeManifest.describe(root.get("tables")) : PrototypeManifest.describe(root));
    }
    List<Item> items = new ArrayList<>();
    tables.get("items").forEach(r -> items.add(item(text(r, "id"), text(r, "filename"),
        text(r, "original_filename"), text(r, "file_path"), r.hasNonNull("file_size") ? r.get("file_size").asLong() : null,
        text(r, "mime_type"), text(r, "created_at"), text(r, "updated_at"))));
    List<Analysis> analyses = new ArrayList<>();
    // Columns are read by name: provider_used, added later by ALTER TABLE, comes last in real exports.
    tables.get("analyses").forEach(r -> analyses.add(analysis(text(r, "id"), text(r, "item_id"),
        r.path("version").asInt(1), text(r, "category"), text(r, "summary"), text(r, "raw_response"),
        text(r, "provider_used"), text(r, "model_used"), text(r, "trace_id"), text(r, "created_at"))));
    return new PrototypeData(folder, EXPORT, null, items, analyses, manifest, sessions);
  }

  /** The folder the data and its images are in. */
  public PrototypeFolder folder() {
    return folder;
  }

  /** Where the rows came from: the .db file's name or the JSON export's path. */
  public String source() {
    return source;
  }

  public List<Item> items() {
    return items;
  }

  /** The item's analyses, oldest version first (empty when it has none). */
  public List<Analysis> analysesOf(UUID itemId) {
    return analyses.getOrDefault(itemId, List.of());
  }

  public int analysisCount() {
    return analyses.values().stream().mapToInt(List::size).sum();
  }

  /** Analyses whose item is not in {@code items}: orphans the prototype's cascade should have removed. */
  public List<Analysis> orphanAnalyses() {
    var ids = new java.util.HashSet<UUID>();
    items.forEach(i -> ids.add(i.id()));
    return analyses.entrySet().stream().filter(e -> !ids.contains(e.getKey()))
        .flatMap(e -> e.getValue().stream()).toList();
  }

  /** The folder's image manifest ({@link PrototypeManifest#NONE} when it has none). */
  public PrototypeManifest manifest() {
    return manifest;
  }

  /** How many chat sessions conversations.db holds; null when the folder has none. */
  public Integer chatSessions() {
    return chatSessions;
  }

  /** True when the prototype's FTS5 index can be asked (the SQLite file, not the JSON export). */
  public boolean hasFullTextIndex() {
    return sqlite != null;
  }

  /**
   * The prototype's own keyword ranking: {@code bm25(items_fts)} over its FTS5 table, the query's
   * words OR-ed (each quoted, so FTS5 syntax in a query is just text), best first.
   */
  public List<UUID> fullTextTop(String query, int limit) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(query);
    while (m.find()) {
      words.add("\"" + m.group() + "\"");
    }
    if (sqlite == null || words.isEmpty()) {
      return List.of();
    }
    try (PreparedStatement s = sqlite.prepareStatement(
        "SELECT item_id FROM items_fts WHERE items_fts MATCH ? ORDER BY bm25(items_fts) LIMIT ?")) {
      s.setString(1, String.join(" OR ", words));
      s.setInt(2, limit);
      List<UUID> top = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          top.add(UUID.fromString(r.getString(1)));
        }
      }
      return top;
    } catch (SQLException e) {
      throw new IllegalStateException("the prototype's items_fts could not be searched: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (sqlite != null) {
      try {
        sqlite.close();
      } catch (SQLException e) {
        // Read-only: nothing to lose.
      }
    }
  }

  private static List<Item> readItems(Connection c) throws SQLException {
    List<Item> items = new ArrayList<>();
    try (var s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT id, filename, original_filename, file_path, file_size, mime_type, created_at, updated_at FROM items ORDER BY created_at, id")) {
      while (r.next()) {
        long size = r.getLong(5);
        items.add(item(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.wasNull() ? null : size,
            r.getString(6), r.getString(7), r.getString(8)));
      }
    }
    return items;
  }

  private static List<Analysis> readAnalyses(Connection c) throws SQLException {
    List<Analysis> analyses = new ArrayList<>();
    // provider_used came with an ALTER TABLE (its repository's database.py): an older file lacks it.
    String provider = columns(c, "analyses").contains("provider_used") ? "provider_used" : "NULL";
    try (var s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT id, item_id, version, category, summary, raw_response, " + provider + ", model_used, trace_id, created_at"
            + " FROM analyses ORDER BY item_id, version")) {
      while (r.next()) {
        analyses.add(analysis(r.getString(1), r.getString(2), r.getInt(3), r.getString(4), r.getString(5),
            r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10)));
      }
    }
    return analyses;
  }

  private static java.util.Set<String> columns(Connection c, String table) throws SQLException {
    java.util.Set<String> columns = new java.util.HashSet<>();
    try (var s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (r.next()) {
        columns.add(r.getString("name"));
      }
    }
    return columns;
  }

  private static Integer countSessions(Path conversations) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + conversations.toAbsolutePath() + "?mode=ro");
        var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM chat_sessions")) {
      return r.next() ? r.getInt(1) : 0;
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read " + conversations + ": " + e.getMessage(), e);
    }
  }

  private static Item item(String id, String filename, String original, String path, Long size, String mime,
      String created, String updated) {
    OffsetDateTime createdAt = time(created);
    return new Item(uuid(id, "item"), filename, original, path, size, mime, createdAt,
        updated == null ? createdAt : time(updated));
  }

  private static Analysis analysis(String id, String itemId, int version, String category, String summary, String raw,
      String provider, String model, String traceId, String created) {
    return new Analysis(uuid(id, "analysis"), uuid(itemId, "analysis' item"), version, category, summary, raw,
        provider, model, traceId, time(created));
  }

  private static UUID uuid(String id, String what) {
    try {
      return UUID.fromString(id.strip());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("the prototype's " + what + " id \"" + id + "\" is not a UUID");
    }
  }

  /** The prototype writes {@code datetime.utcnow().isoformat()}: naive, UTC. An offset, if present, is honoured. */
  static OffsetDateTime time(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a prototype row has no created_at");
    }
    String iso = value.strip().replace(' ', 'T');
    try {
      return LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
    } catch (java.time.format.DateTimeParseException e) {
      return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC);
    }
  }

  /** A column's value; a JSON value that is not a string (never seen) is kept as its JSON text. */
  private static String text(JsonNode row, String field) {
    JsonNode v = row.get(field);
    return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
  }
}
