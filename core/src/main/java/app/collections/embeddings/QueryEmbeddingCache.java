package app.collections.embeddings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users repeat queries (and page through them): an LRU of query vectors saves a model call, which
 * for Voyage is a network round trip. Keyed by text only, since one cache serves one model.
 */
public final class QueryEmbeddingCache {
  private final Embedder embedder;
  private final Map<String, float[]> cache;

  public QueryEmbeddingCache(Embedder embedder, int size) {
    this.embedder = embedder;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > size;
      }
    };
  }

  public float[] embed(String query) {
    synchronized (cache) {
      float[] cached = cache.get(query);
      if (cached != null) {
        return cached;
      }
    }
    float[] vector = embedder.embedQuery(query);
    synchronized (cache) {
      cache.put(query, vector);
    }
    return vector;
  }

  /** Whether the query's vector is at hand: a search then need not wait for the model. */
  public boolean has(String query) {
    synchronized (cache) {
      return cache.containsKey(query);
    }
  }

  public Embedder embedder() {
    return embedder;
  }
}
