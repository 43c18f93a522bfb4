package app.collections.search;

import static app.collections.graphql.RequestContext.tenant;

import app.collections.auth.Tenant;
import app.collections.graphql.ApiException;
import app.collections.graphql.Connection;
import app.collections.graphql.ErrorCode;
import app.collections.graphql.GraphqlFeature;
import app.collections.items.Item;
import app.collections.items.ItemDataFetchers;
import app.collections.items.ItemFilter;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** {@code search}, {@code Item.similar} and {@code Viewer.embeddingModel}. */
public final class SearchDataFetchers implements GraphqlFeature {
  /**
   * The largest page of {@code search} and {@code Item.similar} (the schema says 1 to 50): a page of
   * hits is ranked, fused and fetched whole, and {@code similar} runs once per item of an items page,
   * so this bounds that fan-out at maxPageSize × 50 hits (QueryCost counts it so).
   */
  private static final int MAX_FIRST = 50;
  private static final String CURSOR_PREFIX = "search:";

  private final SearchService search;
  private final AgenticSearch agentic;
  private final SearchAnswerer answerer;

  /** {@code agentic} and {@code answerer} are null without a model: AGENTIC and answers then say so. */
  public SearchDataFetchers(SearchService search, AgenticSearch agentic, SearchAnswerer answerer) {
    this.search = search;
    this.agentic = agentic;
    this.answerer = answerer;
  }

  /** The GraphQL shape of a page of hits ({@code totalCount} and {@code categories} only when asked for). */
  public record SearchConnection(List<Connection.Edge<SearchHit>> edges, Connection.PageInfo pageInfo,
      int totalCount, List<app.collections.items.CategoryCount> categories, SearchMode mode, double tookMs,
      String explanation, List<String> subQueries, SearchAnswer answer) {}

  @Override
  public void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t.dataFetcher("search", this::search));
    wiring.type("Item", t -> t.dataFetcher("similar", this::similar));
    wiring.type("Viewer", t -> t.dataFetcher("embeddingModel", env -> search.embeddingModel()));
  }

  private SearchConnection search(DataFetchingEnvironment env) {
    int first = first(env.getArgument("first"), 10);
    String after = env.getArgument("after");
    int offset = after == null ? 0 : decodeCursor(after);
    String mode = env.getArgument("mode");
    String order = env.getArgument("orderBy");
    ItemFilter itemFilter = ItemDataFetchers.filter(env.getArgument("filter"));
    SearchFilter filter = new SearchFilter(itemFilter.category(), itemFilter.createdAfter(), itemFilter.createdBefore());
    Double minScore = env.getArgument("minScore");
    boolean answer = Boolean.TRUE.equals(env.getArgument("answer"));
    if (answer && answerer == null) {
      throw new ApiException(ErrorCode.PROVIDER_NOT_CONFIGURED,
          "answer: true needs an LLM: set an Anthropic or OpenAI API key; or search without it");
    }
    Tenant tenant = tenant(env);
    SearchRequest request = new SearchRequest(env.getArgument("query"),
        mode == null ? SearchMode.HYBRID : SearchMode.valueOf(mode), first, offset, filter,
        "NEWEST".equals(order), minScore,
        env.getSelectionSet().contains("totalCount") || env.getSelectionSet().contains("categories"));
    SearchResults results;
    String explanation = null;
    List<String> subQueries = null;
    if (request.mode() == SearchMode.AGENTIC && agentic != null) {
      AgenticSearch.Result agent = agentic.search(tenant, request);
      results = agent.results();
      explanation = agent.explanation();
      subQueries = agent.subQueries();
    } else {
      results = search.search(tenant, request);
    }
    List<Connection.Edge<SearchHit>> edges = results.hits().stream()
        .map(hit -> new Connection.Edge<>(encodeCursor(hit.rank()), hit))
        .toList();
    Connection.PageInfo pageInfo = new Connection.PageInfo(results.hasNextPage(), offset > 0,
        edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor());
    SearchAnswer written = answer ? answerer.answer(tenant, request.query().strip(), results.hits()) : null;
    return new SearchConnection(edges, pageInfo, results.totalCount(), results.categories(), results.mode(),
        Math.round(results.tookMs() * 100) / 100.0, explanation, subQueries, written);
  }

  /** Item.similar goes through a data loader: a page of items asks once per level, not once per item. */
  private java.util.concurrent.CompletableFuture<List<SearchHit>> similar(DataFetchingEnvironment env) {
    Item item = env.getSource();
    org.dataloader.DataLoader<SimilarKey, List<SearchHit>> loader = env.getDataLoader(SIMILAR_LOADER);
    return loader.load(new SimilarKey(item.id(), first(env.getArgument("first"), 5)));
  }

  static final String SIMILAR_LOADER = "similarByItem";

  /** One item's similar list, of one page size. */
  record SimilarKey(java.util.UUID itemId, int first) {}

  @Override
  public void registerLoaders(Tenant tenant, org.dataloader.DataLoaderRegistry registry) {
    registry.register(SIMILAR_LOADER, org.dataloader.DataLoaderFactory.newMappedDataLoader(
        (java.util.Set<SimilarKey> keys) -> {
          java.util.Map<SimilarKey, List<SearchHit>> byKey = new java.util.HashMap<>();
          // One batch per page size: a level of the document almost always has one.
          keys.stream().collect(java.util.stream.Collectors.groupingBy(SimilarKey::first)).forEach((first, group) -> {
            java.util.Map<java.util.UUID, List<SearchHit>> hits =
                search.similarAll(tenant, group.stream().map(SimilarKey::itemId).toList(), first);
            group.forEach(k -> byKey.put(k, hits.getOrDefault(k.itemId(), List.of())));
          });
          return java.util.concurrent.CompletableFuture.completedFuture(byKey);
        }));
  }

  private static int first(Integer first, int fallback) {
    int n = first == null ? fallback : first;
    if (n < 1 || n > MAX_FIRST) {
      throw ApiException.badInput("first must be between 1 and " + MAX_FIRST);
    }
    return n;
  }

  /** A cursor names a hit's rank: the next page starts after it. */
  static String encodeCursor(int rank) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + rank).getBytes(StandardCharsets.UTF_8));
  }

  static int decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR_PREFIX)) {
        int rank = Integer.parseInt(text.substring(CURSOR_PREFIX.length()));
        if (rank >= 0 && rank <= 10_000) {
          return rank;
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below (NumberFormatException is one too).
    }
    throw ApiException.badInput("after is not a cursor of this search");
  }
}
