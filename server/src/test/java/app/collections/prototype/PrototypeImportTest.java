package app.collections.prototype;

import app.collections.local.embeddings.LocalEmbedder;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.embeddings.EmbeddingDao;
import app.collections.embeddings.Embedders;
import app.collections.items.CategoryCount;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import app.collections.json.Json;
import app.collections.testing.CommandConfig;
import app.collections.testing.Commands;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ../shared/prototype/data imported by the command, twice, checked row by row against the SQLite
 * it came from; one test per oddity of fixture-notes.json. The tests run in order: the first
 * import is what the others look at. The fixture's missing image means the import is incomplete:
 * the command says which item is missing and why, and exits with status 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrototypeImportTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir static Path dir;
  static final Path DATA = Fixtures.sharedDir().resolve("prototype/data");
  static final Tenant USER = new Tenant("proto-user");
  static JsonNode notes;
  static List<Map<String, Object>> sourceAnalyses;
  static Commands.Run first;
  static String firstRun;
  static Commands.Run dryRun;

  @BeforeAll
  static void importOnce() throws Exception {
    notes = Json.MAPPER.readTree(Fixtures.sharedDir().resolve("prototype/fixture-notes.json").toFile());
    sourceAnalyses = rows("SELECT id, item_id, version, provider_used, model_used, raw_response, created_at, category FROM analyses");
    dryRun = Commands.attempt("import-prototype", DATA.toString(), "--user", USER.id(), "--dry-run", config().toString());
    first = Commands.attempt("import-prototype", DATA.toString(), "--user", USER.id(), config().toString());
    firstRun = first.stdout();
    System.err.println(firstRun);
  }

  @Test
  @Order(1)
  void importsEveryItemAndVersionButTheOneWithoutImageAndSaysWhatIsMissing() {
    ItemDao items = db.jdbi().onDemand(ItemDao.class);
    // 55 items, one image missing on purpose; 60 analyses, one of them that item's.
    assertThat(items.ids(USER)).hasSize(54);
    assertThat(count("SELECT count(*) FROM analyses WHERE user_id = 'proto-user'")).isEqualTo(59);
    assertThat(firstRun)
        .contains("items      source 55, here 54, not imported 1")
        .contains("analyses   source 60, here 59, not imported 1")
        .contains("missing " + missingImageAnalysis() + ": its item was not imported: " + missingImage())
        .contains("raw JSON   59 identical byte for byte, 0 different")
        .contains("images     54 sha256 verified against the manifest, 0 not in the manifest (sha256 computed here),"
            + " 0 different")
        .contains("manifest   1 file(s) listed that no item refers to, not imported: .gitkeep")
        .contains("vectors    52 analysed item(s), 0 without vectors of " + LocalEmbedder.MODEL)
        .contains("pending    2 item(s) without analysis, 2 PENDING and queued for analysis")
        .contains("chat       3 session(s) not migrated: the new system forgets a chat session 4 h after")
        .contains("NOT OK: 1 of 55 item(s) not here (image missing: 1); 1 of 60 analysis version(s) not here"
            + " (its item was not imported: 1)")
        .doesNotContain("OK: nothing was lost");
    // Not OK is a failure a script can see: status 1, the sentence on stderr, no stack trace.
    assertThat(first.exit()).contains(1);
    assertThat(first.stderr()).contains("import-prototype: " + DATA + "/collections.db into proto-user: NOT OK: 1 of 55")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(new EmbeddingDao[] {db.jdbi().onDemand(EmbeddingDao.class)}[0].countMissing(USER, LocalEmbedder.MODEL)).isZero();
  }

  @Test
  @Order(2)
  void keepsEachAnalysisAsItWasByteForByte() {
    Map<String, Map<String, Object>> stored = new HashMap<>();
    db.jdbi().withHandle(h -> h.createQuery(
        "SELECT id::text AS id, version, provider, model, raw_reply, raw::text AS raw, created_at FROM analyses WHERE user_id = 'proto-user'")
        .mapToMap().list()).forEach(r -> stored.put((String) r.get("id"), r));
    int compared = 0;
    for (Map<String, Object> source : sourceAnalyses) {
      Map<String, Object> here = stored.get(source.get("id"));
      if (source.get("item_id").equals(missingImage().toString())) {
        assertThat(here).isNull();
        continue;
      }
      assertThat(here).as("analysis %s", source.get("id")).isNotNull();
      assertThat(here.get("raw_reply")).isEqualTo(source.get("raw_response"));
      assertThat(here.get("version")).isEqualTo(source.get("version"));
      assertThat(here.get("model")).isEqualTo(source.get("model_used"));
      // The prototype's NULL provider is its first one, Anthropic.
      assertThat(here.get("provider")).isEqualTo(source.get("provider_used") == null ? "anthropic" : source.get("provider_used"));
      assertThat(((java.sql.Timestamp) here.get("created_at")).toInstant())
          .isEqualTo(PrototypeData.time((String) source.get("created_at")).toInstant());
      compared++;
    }
    assertThat(compared).isEqualTo(59);
    assertThat(sourceAnalyses.stream().filter(a -> a.get("provider_used") == null).count()).isPositive();
  }

  @Test
  @Order(3)
  void itemsKeepTheirIdsNamesSizesAndTimes() throws Exception {
    ItemDao items = db.jdbi().onDemand(ItemDao.class);
    for (Map<String, Object> source : rows("SELECT id, original_filename, file_size, created_at, updated_at FROM items")) {
      UUID id = UUID.fromString((String) source.get("id"));
      if (id.equals(missingImage())) {
        continue;
      }
      Item item = items.find(USER, id).orElseThrow();
      assertThat(item.originalFilename()).isEqualTo(source.get("original_filename"));
      assertThat(item.byteSize()).isEqualTo(((Number) source.get("file_size")).longValue());
      assertThat(item.width()).isEqualTo(589);
      assertThat(item.height()).isEqualTo(1280);
      assertThat(item.objectKey()).isEqualTo(USER.id() + "/" + id + "/original.jpg");
      // Its renditions, made as it was imported (as the DERIVE job makes them for an upload).
      assertThat(item.thumbnail()).isEqualTo(new Item.StoredImage(235, 512, item.thumbnail().byteSize()));
      assertThat(item.preview().width()).isEqualTo(589);
      assertThat(item.createdAt().toInstant()).isEqualTo(PrototypeData.time((String) source.get("created_at")).toInstant());
      assertThat(item.updatedAt().toInstant()).isEqualTo(PrototypeData.time((String) source.get("updated_at")).toInstant());
    }
  }

  @Test
  @Order(4)
  void itemsWithoutAnalysisArePendingAndQueued() {
    ItemDao items = db.jdbi().onDemand(ItemDao.class);
    for (JsonNode id : notes.path("no_analysis")) {
      UUID itemId = UUID.fromString(id.asText());
      assertThat(items.find(USER, itemId).orElseThrow().status()).isEqualTo(ItemStatus.PENDING);
      assertThat(count("SELECT count(*) FROM jobs WHERE user_id = 'proto-user' AND kind = 'ANALYZE' AND status = 'QUEUED'"
          + " AND item_id = '" + itemId + "'")).isEqualTo(1);
    }
  }

  @Test
  @Order(5)
  void theItemWhoseImageIsMissingIsNotImportedAndTheReportSaysWhy() {
    assertThat(db.jdbi().onDemand(ItemDao.class).find(USER, missingImage())).isEmpty();
    assertThat(count("SELECT count(*) FROM analyses WHERE item_id = '" + missingImage() + "'")).isZero();
    assertThat(firstRun).contains("skipped " + missingImage() + ": image missing: images/" + missingImage() + ".jpg");
  }

  @Test
  @Order(6)
  void bothVersionsAreKeptAndTheLatestIsIndexed() {
    ItemDao items = db.jdbi().onDemand(ItemDao.class);
    for (JsonNode id : notes.path("two_versions")) {
      UUID itemId = UUID.fromString(id.asText());
      List<Map<String, Object>> versions = sourceAnalyses.stream().filter(a -> a.get("item_id").equals(id.asText()))
          .sorted((a, b) -> Integer.compare((Integer) a.get("version"), (Integer) b.get("version"))).toList();
      assertThat(versions).hasSize(2);
      assertThat(count("SELECT count(*) FROM analyses WHERE user_id = 'proto-user' AND item_id = '" + itemId + "'")).isEqualTo(2);
      String indexed = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT analysis_id::text FROM documents WHERE user_id = 'proto-user' AND item_id = '" + itemId + "'")
          .mapTo(String.class).one());
      assertThat(indexed).isEqualTo(versions.get(1).get("id"));
      assertThat(items.find(USER, itemId).orElseThrow().category()).isEqualTo(versions.get(1).get("category"));
      assertThat(items.find(USER, itemId).orElseThrow().status()).isEqualTo(ItemStatus.READY);
    }
  }

  @Test
  @Order(7)
  void openCategoriesArriveAndAreFacetsAndFilters() {
    ItemDao items = db.jdbi().onDemand(ItemDao.class);
    List<String> beyondTheEight = new ArrayList<>();
    for (JsonNode id : notes.path("open_category")) {
      String category = items.find(USER, UUID.fromString(id.asText())).orElseThrow().category();
      assertThat(app.collections.items.Categories.SUGGESTED.subList(0, 8)).doesNotContain(category);
      beyondTheEight.add(category);
    }
    assertThat(beyondTheEight).contains("Career");
    assertThat(items.categories(USER)).extracting(CategoryCount::name).containsAll(beyondTheEight);
    assertThat(items.count(USER, app.collections.items.ItemDataFetchers.filter(Map.of("category", "career"))))
        .isEqualTo((int) beyondTheEight.stream().filter("Career"::equals).count());
  }

  @Test
  @Order(8)
  void theSampleQueriesRankAsThePrototypesFts5Did() {
    // The prototype's bm25(items_fts) and the new BM25 over the same analyses: mostly the same top 5.
    String line = firstRun.lines().filter(l -> l.contains("mean overlap")).findFirst().orElseThrow();
    double overlap = Double.parseDouble(line.replaceAll(".*mean overlap ([0-9.]+) of 5.*", "$1"));
    assertThat(overlap).isGreaterThanOrEqualTo(2.0);
  }

  @Test
  @Order(10)
  void aSecondRunAddsNothingAndASecondVersionLostInACrashIsRestored() throws Exception {
    UUID twoVersions = UUID.fromString(notes.path("two_versions").get(0).asText());
    // As if a run had stopped after version 1 (or an older copy of the prototype was imported first).
    db.jdbi().useHandle(h -> h.execute("DELETE FROM analyses WHERE user_id = 'proto-user' AND item_id = ? AND version = 2",
        twoVersions));
    long vectors = count("SELECT count(*) FROM embeddings WHERE user_id = 'proto-user'");

    Commands.Run again = Commands.attempt("import-prototype", DATA.toString(), "--user", USER.id(), config().toString());

    assertThat(again.stdout()).contains("IMPORTED=0, COMPLETED=1, ALREADY_THERE=53, MERGED=0, SKIPPED=1, CONFLICT=0")
        .contains("1 analysis version(s) added").doesNotContain("Nothing new to import");
    assertThat(db.jdbi().onDemand(ItemDao.class).ids(USER)).hasSize(54);
    assertThat(count("SELECT count(*) FROM analyses WHERE user_id = 'proto-user'")).isEqualTo(59);
    assertThat(count("SELECT count(*) FROM jobs WHERE user_id = 'proto-user' AND kind = 'ANALYZE'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM embeddings WHERE user_id = 'proto-user'")).isEqualTo(vectors);

    Commands.Run third = Commands.attempt("import-prototype", DATA.toString(), "--user", USER.id(), config().toString());
    assertThat(third.stdout()).contains("IMPORTED=0, COMPLETED=0, ALREADY_THERE=54, MERGED=0, SKIPPED=1, CONFLICT=0")
        .contains("Nothing new to import: every item of the source that can be imported was already here")
        .contains("NOT OK: 1 of 55 item(s) not here (image missing: 1)");
    // Still incomplete, so still a failure: the image is still missing.
    assertThat(third.exit()).contains(1);
  }

  @Test
  @Order(11)
  void anIdOfAnotherUserIsRefusedNeverOverwritten() throws Exception {
    Commands.Run other = Commands.attempt("import-prototype", DATA.toString(), "--user", "someone-else",
        config().toString());
    assertThat(other.exit()).contains(1);
    assertThat(other.stdout()).contains("REFUSED ").contains("belongs to another user");
    assertThat(db.jdbi().onDemand(ItemDao.class).ids(new Tenant("someone-else"))).isEmpty();
    assertThat(db.jdbi().onDemand(ItemDao.class).ids(USER)).hasSize(54);
    assertThat(count("SELECT count(*) FROM analyses WHERE user_id = 'proto-user'")).isEqualTo(59);
  }

  @Test
  @Order(0)
  void aDryRunChecksEverythingAndWritesNothing() {
    // Run before the import (see importOnce): it found what the import then did, and wrote nothing.
    assertThat(dryRun.stdout()).contains("DRY RUN")
        .contains("IMPORTED=54, COMPLETED=0, ALREADY_THERE=0, MERGED=0, SKIPPED=1, CONFLICT=0")
        .contains("would skip " + missingImage());
    assertThat(dryRun.exit()).as("a dry run that foresees a loss fails too").contains(1);
    assertThat(dryRun.stderr()).contains("1 of 55 item(s) would not be imported");
    assertThat(firstRun).contains("IMPORTED=54, COMPLETED=0, ALREADY_THERE=0, MERGED=0, SKIPPED=1, CONFLICT=0");
  }

  static UUID missingImage() {
    return UUID.fromString(notes.path("missing_image").get(0).asText());
  }

  static String missingImageAnalysis() {
    return sourceAnalyses.stream().filter(a -> a.get("item_id").equals(missingImage().toString()))
        .map(a -> (String) a.get("id")).findFirst().orElseThrow();
  }

  static long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** Rows of the prototype's own SQLite, read as it is. */
  static List<Map<String, Object>> rows(String sql) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + DATA.resolve("collections.db").toAbsolutePath() + "?mode=ro");
        ResultSet r = c.createStatement().executeQuery(sql)) {
      while (r.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  static Path config() throws Exception {
    return CommandConfig.write(dir, db, 0);
  }
}
