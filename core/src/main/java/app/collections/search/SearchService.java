package app.collections.search;

import app.collections.items.ItemFilter;
import app.collections.tracing.RequestContexts;
import app.collections.auth.Tenant;
import app.collections.errors.DomainException;
import app.collections.items.CategoryCount;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code search}: checks the request, runs the mode, applies the relevance floor, orders, counts,
 * facets and pages. Every read is the viewer's tenant's: the DAOs filter on it in SQL.
 */
public final class SearchService {
  /**
   * How deep HYBRID reads each mode, at least: fusion needs an item's rank in both lists, not only
   * in the one that put it on this page, so a shallow page still fuses over this many of each.
   */
  static final int FUSION_DEPTH = 50;
  private static final Executor BESIDE = RequestContexts.propagating(Executors.newVirtualThreadPerTaskExecutor());

  private final Bm25Search bm25;
  private final VectorSearch vector;
  private final HybridSearch hybrid;
  private final ItemDao items;
  private final SearchConfiguration config;
  private final MetricRegistry metrics;

  public SearchService(Bm25Search bm25, VectorSearch vector, HybridSearch hybrid, ItemDao items,
      SearchConfiguration config, MetricRegistry metrics) {
    this.bm25 = bm25;
    this.vector = vector;
    this.hybrid = hybrid;
    this.items = items;
    this.config = config;
    this.metrics = metrics;
  }

  public SearchResults search(Tenant tenant, SearchRequest request) {
    String query = checkedQuery(request.query());
    if (request.mode() == SearchMode.AGENTIC) {
      // AgenticSearch answers AGENTIC when a model is configured; this is the server without one.
      throw DomainException.providerNotConfigured(
          "AGENTIC search needs an LLM: set an Anthropic or OpenAI API key; or use BM25, VECTOR or HYBRID");
    }
    long started = System.nanoTime();
    // A page needs its hits and one more (is there a next page?); counts, facets and a date order
    // need every relevant hit.
    int depth = request.needsTotals() || request.newestFirst()
        ? config.getMaxHits() : Math.min(config.getMaxHits(), request.offset() + request.first() + 1);
    List<RankedItem> ranked = rank(tenant, query, request.mode(), request.filter(), request.minScore(), depth);
    SearchResults results = assemble(tenant, ranked, request, started);
    metrics.timer("search." + request.mode().name().toLowerCase()).update(System.nanoTime() - started,
        java.util.concurrent.TimeUnit.NANOSECONDS);
    return results;
  }

  /** The query, stripped; BAD_USER_INPUT when it is empty or too long. */
  public String checkedQuery(String raw) {
    String query = raw == null ? "" : raw.strip();
    if (query.isEmpty()) {
      throw DomainException.invalidInput("query must not be empty");
    }
    if (query.length() > config.getMaxQueryLength()) {
      throw DomainException.invalidInput("query must be at most " + config.getMaxQueryLength() + " characters");
    }
    return query;
  }

  /** A page of a ranking made elsewhere (AGENTIC), ordered, counted and faceted like the others. */
  public SearchResults page(Tenant tenant, List<RankedItem> ranked, SearchRequest request, long startedNanos) {
    return assemble(tenant, ranked, request, startedNanos);
  }

  /** The mode's whole ranking, floored: at most {@code maxHits} items. */
  public List<RankedItem> rank(Tenant tenant, String query, SearchMode mode, ItemFilter filter, Double minScore) {
    return rank(tenant, query, mode, filter, minScore, config.getMaxHits());
  }

  /**
   * The mode's ranking down to {@code depth}, floored. HYBRID reads each mode at least
   * {@link #FUSION_DEPTH} deep.
   */
  private List<RankedItem> rank(Tenant tenant, String query, SearchMode mode, ItemFilter filter, Double minScore,
      int depth) {
    ItemFilter f = filter == null ? ItemFilter.NONE : filter;
    if (mode == SearchMode.HYBRID && minScore != null) {
      // HYBRID's score is the fused one: minScore applies to it, after fusing the unfloored rankings.
      return rank(tenant, query, f, Floor.NONE, Floor.NONE, depth).stream()
          .filter(hit -> hit.score() >= minScore).toList();
    }
    Floor bm25Floor = Floor.of(minScore, config.getBm25Floor(), config.getBm25HitFloor());
    Floor vectorFloor = Floor.of(minScore, config.getVectorFloor(), config.getVectorHitFloor());
    return switch (mode) {
      case BM25 -> bm25.search(tenant, query, f, bm25Floor, depth).stream()
          .map(hit -> new RankedItem(hit.itemId(), hit.score(), hit.score(), null)).toList();
      case VECTOR -> vector.search(tenant, query, f, vectorFloor, depth).stream()
          .map(hit -> new RankedItem(hit.itemId(), hit.score(), null, hit.score())).toList();
      case HYBRID -> rank(tenant, query, f, bm25Floor, vectorFloor, depth);
      case AGENTIC -> throw new IllegalArgumentException("AGENTIC is not ranked here");
    };
  }

  /** HYBRID: each mode's floored ranking, fused. */
  private List<RankedItem> rank(Tenant tenant, String query, ItemFilter f, Floor bm25Floor, Floor vectorFloor,
      int depth) {
    int each = Math.max(depth, FUSION_DEPTH);
    if (vector.isQuick(tenant, query)) {
      // Two millisecond-reads: side by side they would save one and contend for the cores
      // (and take a second connection). One after the other, the benchmark's 1k tenant's
      // HYBRID p95 went from 7.4-7.8 to 4.4-5.0 ms; with a warm JIT (three runs each) side by
      // side was 0.5 ms faster at p50 (2.0 against 2.5) and no faster at p95 (2.8-3.7 against
      // 3.3-3.6): not worth a second connection per search.
      return hybrid.fuse(bm25.search(tenant, query, f, bm25Floor, each),
          vector.search(tenant, query, f, vectorFloor, each));
    }
    // The two rankings are independent reads: run the vector one (which may first have to
    // embed the query) beside BM25, on a connection of its own, so HYBRID costs the slower of
    // the two rather than their sum.
    CompletableFuture<List<ScoredItem>> byMeaning = CompletableFuture.supplyAsync(
        () -> vector.search(tenant, query, f, vectorFloor, each), BESIDE);
    List<ScoredItem> byWords = bm25.search(tenant, query, f, bm25Floor, each);
    return hybrid.fuse(byWords, byMeaning.join());
  }

  /**
   * The items nearest to each of the viewer's given items (each excluded from its own list; empty
   * for an item without a vector), as Item.similar's data loader asks for a page of items: one
   * vector statement and one read of the hits' rows for the whole page, instead of two per item.
   */
  public Map<UUID, List<SearchHit>> similarAll(Tenant tenant, java.util.Collection<UUID> itemIds, int first) {
    Map<UUID, List<ScoredItem>> bySource = vector.similarToAll(tenant, itemIds, first);
    Map<UUID, Item> found = items.findAll(tenant, bySource.values().stream().flatMap(List::stream)
            .map(ScoredItem::itemId).distinct().toList()).stream()
        .collect(Collectors.toMap(Item::id, Function.identity()));
    Map<UUID, List<SearchHit>> hits = new java.util.HashMap<>();
    for (UUID id : itemIds) {
      List<SearchHit> page = new ArrayList<>();
      for (ScoredItem hit : bySource.getOrDefault(id, List.of())) {
        // An item deleted between the ranking and this read simply drops out.
        Item item = found.get(hit.itemId());
        if (item != null) {
          page.add(new SearchHit(item, page.size() + 1, hit.score(), null, hit.score()));
        }
      }
      hits.put(id, page);
    }
    return hits;
  }

  private SearchResults assemble(Tenant tenant, List<RankedItem> ranked, SearchRequest request, long started) {
    Map<UUID, Item> found = hydrate(tenant, ranked, request);
    // An item deleted between the ranking and this read simply drops out.
    List<RankedItem> present = new ArrayList<>(ranked.stream().filter(r -> found.containsKey(r.itemId())).toList());
    if (request.newestFirst()) {
      present.sort(Comparator.comparing((RankedItem r) -> found.get(r.itemId()).createdAt()).reversed());
    }
    List<SearchHit> page = new ArrayList<>();
    int end = Math.min(present.size(), request.offset() + request.first());
    for (int i = request.offset(); i < end; i++) {
      RankedItem r = present.get(i);
      page.add(new SearchHit(found.get(r.itemId()), i + 1, r.score(), r.bm25Score(), r.vectorScore()));
    }
    Map<String, Integer> byCategory = new LinkedHashMap<>();
    present.forEach(r -> {
      String category = found.get(r.itemId()).category();
      if (category != null) {
        byCategory.merge(category, 1, Integer::sum);
      }
    });
    List<CategoryCount> categories = byCategory.entrySet().stream()
        .map(e -> new CategoryCount(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingInt(CategoryCount::count).reversed().thenComparing(CategoryCount::name))
        .toList();
    double tookMs = (System.nanoTime() - started) / 1e6;
    return new SearchResults(page, request.offset(), end < present.size(), present.size(), categories,
        request.mode(), tookMs);
  }

  /**
   * The ranked items' rows. A plain page reads only its own items and the one after it (HYBRID ranks
   * 50 deep, so this is 11 rows instead of up to 100); counts, facets and a date order need them all,
   * and so does a page one of whose items was deleted since the ranking.
   */
  private Map<UUID, Item> hydrate(Tenant tenant, List<RankedItem> ranked, SearchRequest request) {
    int needed = request.offset() + request.first() + 1;
    if (!request.needsTotals() && !request.newestFirst() && ranked.size() > needed) {
      Map<UUID, Item> page = read(tenant, ranked.subList(0, needed));
      if (page.size() == needed) {
        return page;
      }
    }
    return read(tenant, ranked);
  }

  private Map<UUID, Item> read(Tenant tenant, List<RankedItem> ranked) {
    return items.findAll(tenant, ranked.stream().map(RankedItem::itemId).toList()).stream()
        .collect(Collectors.toMap(Item::id, Function.identity()));
  }

  public String embeddingModel() {
    return vector.model();
  }
}
