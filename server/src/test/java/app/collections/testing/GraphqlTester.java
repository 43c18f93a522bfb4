package app.collections.testing;

import app.collections.analyses.AnalysisDao;
import app.collections.analyses.AnalysisService;
import app.collections.analyses.AnalysisDataFetchers;
import app.collections.auth.Tenant;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlLimits;
import app.collections.graphql.GraphqlRequest;
import app.collections.items.ItemDao;
import app.collections.items.ItemDataFetchers;
import app.collections.items.ItemService;
import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Runs GraphQL documents against the real schema and a real database, as one tenant. */
public final class GraphqlTester {
  private final GraphqlEngine engine;

  public GraphqlTester(GraphqlEngine engine) {
    this.engine = engine;
  }

  public static GraphqlTester over(Jdbi jdbi) {
    return over(jdbi.onDemand(ItemDao.class), jdbi.onDemand(AnalysisDao.class), new GraphqlLimits());
  }

  public static GraphqlTester over(ItemDao items, AnalysisDao analyses, GraphqlLimits limits) {
    return new GraphqlTester(new GraphqlEngine(List.of(
        new ItemDataFetchers(new ItemService(items, key -> {}), limits.getMaxPageSize()),
        new AnalysisDataFetchers(new AnalysisService(analyses))), limits));
  }

  /** Items, analyses and search (BM25, vector and hybrid; no model, so no AGENTIC or answers). */
  public static GraphqlTester withSearch(Jdbi jdbi, GraphqlLimits limits) {
    app.collections.search.SearchConfiguration config = new app.collections.search.SearchConfiguration();
    app.collections.search.SearchService search = new app.collections.search.SearchService(
        new app.collections.search.Bm25Search(jdbi, config),
        new app.collections.search.VectorSearch(jdbi,
            new app.collections.embeddings.QueryEmbeddingCache(TestEmbedder.local(), 100),
            new app.collections.embeddings.VectorIndexes(jdbi, config.getHnswThreshold()), config),
        new app.collections.search.HybridSearch(config), jdbi.onDemand(ItemDao.class), config,
        new com.codahale.metrics.MetricRegistry());
    return new GraphqlTester(new GraphqlEngine(List.of(
        new ItemDataFetchers(new ItemService(jdbi.onDemand(ItemDao.class), key -> {}), limits.getMaxPageSize()),
        new AnalysisDataFetchers(new AnalysisService(jdbi.onDemand(AnalysisDao.class))),
        new app.collections.search.SearchDataFetchers(new app.collections.search.SearchRequests(search, null, null),
            limits.getMaxRankedPageSize())), limits));
  }

  public JsonNode run(Tenant tenant, String query) {
    return run(tenant, query, Map.of());
  }

  /** The whole response ({@code data} and {@code errors}) as JSON, the way clients see it. */
  public JsonNode run(Tenant tenant, String query, Map<String, Object> variables) {
    Map<String, Object> result = engine.execute(tenant, new GraphqlRequest(query, null, variables));
    try {
      return Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(result));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The first error's {@code extensions.code}, or null. */
  public static String errorCode(JsonNode response) {
    JsonNode errors = response.path("errors");
    return errors.isArray() && !errors.isEmpty() ? errors.get(0).path("extensions").path("code").asText(null) : null;
  }
}
