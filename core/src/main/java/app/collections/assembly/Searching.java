package app.collections.assembly;

import app.collections.CollectionsConfiguration;
import app.collections.embeddings.QueryEmbeddingCache;
import app.collections.search.Bm25Search;
import app.collections.search.HybridSearch;
import app.collections.search.SearchConfiguration;
import app.collections.search.SearchService;
import app.collections.search.VectorSearch;
import com.codahale.metrics.MetricRegistry;

/** BM25, vector and hybrid search over what {@link Indexing} wrote. */
public record Searching(SearchService search) {
  public static Searching create(CollectionsConfiguration config, Persistence db, Indexing indexing,
      MetricRegistry metrics) {
    SearchConfiguration searchConfig = config.getSearch();
    QueryEmbeddingCache queries = new QueryEmbeddingCache(indexing.embedder(),
        config.getEmbeddings().getQueryCacheSize());
    return new Searching(new SearchService(new Bm25Search(db.jdbi(), searchConfig),
        new VectorSearch(db.jdbi(), queries, indexing.vectorIndexes(), searchConfig),
        new HybridSearch(searchConfig), db.items(), searchConfig, metrics));
  }
}
