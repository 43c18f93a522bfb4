package app.collections.search;

import static app.collections.graphql.RequestContext.tenant;

import app.collections.auth.Tenant;
import app.collections.paging.Connection;
import app.collections.graphql.GraphqlFeature;
import app.collections.paging.PageRequest;
import app.collections.items.Item;
import app.collections.items.ItemDataFetchers;
import app.collections.items.ItemFilter;
import app.collections.paging.CursorCodec;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;

/** {@code search}, {@code Item.similar} and {@code Viewer.embeddingModel}. */
public final class SearchDataFetchers implements GraphqlFeature {
  /** A cursor names a hit's rank: the next page starts after it. */
  private static final CursorCodec CURSOR = new CursorCodec("search", 1, "after is not a cursor of this search");
  /** Stops a cursor from asking for ranks no page reaches (and the ranking from looking that deep). */
  private static final int MAX_CURSOR_RANK = 10_000;
  private static final int DEFAULT_FIRST = 10;
  private static final int DEFAULT_SIMILAR = 5;

  private final SearchRequests searches;
  private final int maxPageSize;

  /** {@code maxPageSize} bounds {@code first} of search and similar (GraphqlLimits' maxRankedPageSize). */
  public SearchDataFetchers(SearchRequests searches, int maxPageSize) {
    this.searches = searches;
    this.maxPageSize = maxPageSize;
  }

  /** The GraphQL shape of a page of hits ({@code totalCount} and {@code categories} only when asked for). */
  public record SearchConnection(List<Connection.Edge<SearchHit>> edges, Connection.PageInfo pageInfo,
      int totalCount, List<app.collections.items.CategoryCount> categories, SearchMode mode, double tookMs,
      String explanation, List<String> subQueries, SearchAnswer answer) {}

  @Override
  public void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t.dataFetcher("search", this::search));
    wiring.type("Item", t -> t.dataFetcher("similar", this::similar));
    wiring.type("Viewer", t -> t.dataFetcher("embeddingModel", env -> searches.embeddingModel()));
  }

  private SearchConnection search(DataFetchingEnvironment env) {
    PageRequest page = PageRequest.forwardOnly(env, DEFAULT_FIRST, maxPageSize);
    int first = page.size();
    int offset = page.cursor() == null ? 0 : decodeCursor(page.cursor());
    String mode = env.getArgument("mode");
    String order = env.getArgument("orderBy");
    ItemFilter filter = ItemDataFetchers.filter(env.getArgument("filter"));
    Double minScore = env.getArgument("minScore");
    boolean answer = Boolean.TRUE.equals(env.getArgument("answer"));
    SearchRequest request = new SearchRequest(env.getArgument("query"),
        mode == null ? SearchMode.HYBRID : SearchMode.valueOf(mode), first, offset, filter,
        "NEWEST".equals(order), minScore,
        env.getSelectionSet().contains("totalCount") || env.getSelectionSet().contains("categories"));
    SearchRequests.Found found = searches.search(tenant(env), request, answer);
    SearchResults results = found.results();
    List<Connection.Edge<SearchHit>> edges = Connection.edges(results.hits(), hit -> encodeCursor(hit.rank()));
    Connection.PageInfo pageInfo = Connection.PageInfo.of(edges, results.hasNextPage(), offset > 0);
    return new SearchConnection(edges, pageInfo, results.totalCount(), results.categories(), results.mode(),
        Math.round(results.tookMs() * 100) / 100.0, found.explanation(), found.subQueries(), found.answer());
  }

  /** Item.similar goes through a data loader: a page of items asks once per level, not once per item. */
  private java.util.concurrent.CompletableFuture<List<SearchHit>> similar(DataFetchingEnvironment env) {
    Item item = env.getSource();
    org.dataloader.DataLoader<SimilarKey, List<SearchHit>> loader = env.getDataLoader(SIMILAR_LOADER);
    return loader.load(new SimilarKey(item.id(),
        PageRequest.first(env.getArgument("first"), DEFAULT_SIMILAR, maxPageSize)));
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
                searches.similar(tenant, group.stream().map(SimilarKey::itemId).toList(), first);
            group.forEach(k -> byKey.put(k, hits.getOrDefault(k.itemId(), List.of())));
          });
          return java.util.concurrent.CompletableFuture.completedFuture(byKey);
        }));
  }

  static String encodeCursor(int rank) {
    return CURSOR.encode(rank);
  }

  static int decodeCursor(String cursor) {
    return CURSOR.decode(cursor, f -> {
      long rank = f.number(0);
      if (rank < 0 || rank > MAX_CURSOR_RANK) {
        throw CURSOR.invalid();
      }
      return (int) rank;
    });
  }
}
