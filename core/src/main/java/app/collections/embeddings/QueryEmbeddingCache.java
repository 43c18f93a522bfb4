package app.collections.embeddings;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

/**
 * Users repeat queries (and page through them): a bounded cache of query vectors saves a model call, which
 * for Voyage is a network round trip. Keyed by text only, since one cache serves one model.
 *
 * <p>A loading cache: concurrent misses for one query wait for one model call instead of each
 * making its own. The call runs on the caller's thread (its timeout and log context stay), holding
 * only that key's hash bin, so other queries are not held up by it.
 */
public final class QueryEmbeddingCache {
  private final Embedder embedder;
  private final LoadingCache<String, float[]> cache;

  public QueryEmbeddingCache(Embedder embedder, int size) {
    this.embedder = embedder;
    this.cache = Caffeine.newBuilder().maximumSize(size).build(embedder::embedQuery);
  }

  public float[] embed(String query) {
    return cache.get(query);
  }

  /** Whether the query's vector is at hand: a search then need not wait for the model. */
  public boolean has(String query) {
    return cache.asMap().containsKey(query);
  }

  public Embedder embedder() {
    return embedder;
  }
}
