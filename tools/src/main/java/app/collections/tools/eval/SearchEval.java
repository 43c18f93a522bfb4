package app.collections.tools.eval;

import app.collections.analyses.Analysis;
import app.collections.analyses.AnalysisDao;
import app.collections.analyses.NewAnalysis;
import app.collections.images.ImageFormat;
import app.collections.json.Json;
import app.collections.storage.ImageStore;
import java.nio.file.Files;
import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.pipeline.AnalysisPipeline;
import app.collections.vision.VisionProvider;
import app.collections.search.RankedItem;
import app.collections.search.SearchMode;
import app.collections.search.SearchService;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Search quality on a labelled set: loads golden analyses into a fresh throwaway tenant through the
 * normal write path (the vision step skipped: the analysis is given; BM25 document and embedding
 * made as for any item), runs every query in every mode and scores the rankings.
 */
public final class SearchEval {
  public static final List<SearchMode> MODES = List.of(SearchMode.BM25, SearchMode.VECTOR, SearchMode.HYBRID);

  private final Jdbi jdbi;
  private final AnalysisPipeline pipeline;
  private final ItemLifecycle lifecycle;
  private final SearchService search;

  public SearchEval(Jdbi jdbi, ItemLifecycle lifecycle, AnalysisPipeline pipeline, SearchService search) {
    this.lifecycle = lifecycle;
    this.jdbi = jdbi;
    this.pipeline = pipeline;
    this.search = search;
  }

  /** A loaded collection: its tenant and which item holds which golden analysis. */
  public record Collection(Tenant tenant, Map<UUID, String> goldenIds) {}

  public EvalReport run(Path analyses, Path queries) throws IOException {
    List<LabelledQuery> labelled = readQueries(queries);
    Collection collection = new Collection(new Tenant("eval-" + UUID.randomUUID()), new LinkedHashMap<>());
    try {
      loadInto(collection, analyses);
      return evaluate(collection, labelled, MODES);
    } finally {
      // Also after a load that failed half-way: the throwaway tenant never outlives the run.
      drop(collection);
    }
  }

  /** Loads the golden analyses into the collection's tenant, recording each item as it goes. */
  public void loadInto(Collection collection, Path analysesFile) throws IOException {
    Tenant tenant = collection.tenant();
    ItemDao items = jdbi.onDemand(ItemDao.class);
    Map<UUID, String> goldenIds = collection.goldenIds();
    for (JsonNode golden : Json.MAPPER.readTree(analysesFile.toFile()).path("golden_analyses")) {
      UUID itemId = UUID.randomUUID();
      String goldenId = golden.path("item_id").asText();
      items.insert(tenant, new NewItem(itemId, goldenId + ".jpg", goldenId + ".jpg", "image/jpeg", 0, null, null,
          null, null));
      goldenIds.put(itemId, goldenId);
      List<String> subcategories = new ArrayList<>();
      golden.path("subcategories").forEach(s -> subcategories.add(s.asText()));
      pipeline.recorder().record(tenant, new NewAnalysis(UUID.randomUUID(), itemId, "golden", "golden_analyses.json",
          golden.path("category").asText(null), subcategories, golden.path("headline").asText(null),
          golden.path("summary").asText(null), golden, null, null, null, 0), null);
      // The embedding job the write queued, run here rather than by a worker.
      pipeline.runForItem(tenant, itemId);
    }
  }

  /**
   * A user's stored collection, as it is (eval --user): the labelled queries name items by their ids,
   * which an imported prototype collection keeps.
   */
  public Collection stored(Tenant tenant) {
    Map<UUID, String> ids = new LinkedHashMap<>();
    jdbi.onDemand(ItemDao.class).ids(tenant).forEach(id -> ids.put(id, id.toString()));
    if (ids.isEmpty()) {
      // A table of zeros would read as a measurement of a collection that is not there.
      throw new IllegalArgumentException("user " + tenant.id() + " has no items stored: import the collection first"
          + " (e.g. ./dev import-prototype FOLDER --user NAME --golden-user " + tenant.id() + ")");
    }
    return new Collection(tenant, ids);
  }

  public EvalReport evaluate(Collection collection, List<LabelledQuery> queries, List<SearchMode> modes) {
    List<EvalReport.QueryResult> results = new ArrayList<>();
    for (SearchMode mode : modes) {
      for (LabelledQuery query : queries) {
        long started = System.nanoTime();
        List<RankedItem> ranked = search.rank(collection.tenant(), query.text(), mode, null, null);
        double tookMs = (System.nanoTime() - started) / 1e6;
        List<String> top = ranked.stream().limit(10).map(r -> collection.goldenIds().get(r.itemId())).toList();
        results.add(new EvalReport.QueryResult(mode, query.id(), query.type(), top,
            RankingMetrics.of(top, query.expected()), tookMs));
      }
    }
    return EvalReport.of(collection.goldenIds().size(), results);
  }

  /**
   * Uploads every image of the folder into the collection's tenant as an item (stored in the image
   * store, its analysis queued as an upload queues it) and runs the real pipeline on it: the
   * configured analyser, then the embedding. Items are named by file name, which is the golden id.
   */
  public List<Double> loadImages(Collection collection, Path folder, ImageStore images, String provider)
      throws IOException {
    List<Double> seconds = new ArrayList<>();
    Tenant tenant = collection.tenant();
    List<Path> files;
    try (var listing = Files.list(folder)) {
      files = listing.filter(f -> IMAGE_FILE.matcher(f.getFileName().toString()).matches()).sorted().toList();
    }
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      String name = file.getFileName().toString();
      ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new IOException(file + " is not an image"));
      UUID itemId = UUID.randomUUID();
      String key = "eval/" + tenant.id() + "/" + itemId;
      images.write(key, format.contentType(), bytes);
      NewItem item = new NewItem(itemId, name, name, format.contentType(), bytes.length, null, null, key, null);
      lifecycle.queueAnalysis(tenant, itemId, provider == null ? null : VisionProvider.ofId(provider), null,
          h -> h.attach(ItemDao.class).insert(tenant, item));
      collection.goldenIds().put(itemId, name.substring(0, name.lastIndexOf('.')));
      long started = System.nanoTime();
      pipeline.runForItem(tenant, itemId);
      seconds.add((System.nanoTime() - started) / 1e9);
    }
    return seconds;
  }

  private static final java.util.regex.Pattern IMAGE_FILE =
      java.util.regex.Pattern.compile("(?i).+\\.(jpe?g|png|gif|webp)");

  /** The latest analysis of each of the collection's items, by golden id. */
  public Map<String, Analysis> analyses(Collection collection) {
    Map<String, Analysis> byGolden = new LinkedHashMap<>();
    jdbi.onDemand(AnalysisDao.class).latestForItems(collection.tenant(), collection.goldenIds().keySet())
        .forEach(a -> byGolden.put(collection.goldenIds().get(a.itemId()), a));
    return byGolden;
  }

  /** Keys of images stored by {@link #loadImages}; deleted with the items. */
  public void dropImages(Collection collection, ImageStore images) {
    collection.goldenIds().keySet().forEach(id -> images.delete("eval/" + collection.tenant().id() + "/" + id));
  }

  public void drop(Collection collection) {
    ItemDao items = jdbi.onDemand(ItemDao.class);
    collection.goldenIds().keySet().forEach(id -> items.delete(collection.tenant(), id));
  }

  public static List<LabelledQuery> readQueries(Path file) throws IOException {
    List<LabelledQuery> queries = new ArrayList<>();
    for (JsonNode q : Json.MAPPER.readTree(file.toFile()).path("queries")) {
      Map<String, Integer> expected = new HashMap<>();
      q.path("expected_items").forEach(e -> expected.put(e.path("item_id").asText(),
          "high".equals(e.path("relevance").asText()) ? 2 : 1));
      queries.add(new LabelledQuery(q.path("query_id").asText(), q.path("query_text").asText(),
          q.path("query_type").asText(), expected));
    }
    return queries;
  }
}
