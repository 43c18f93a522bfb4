package app.collections.assembly;

import app.collections.CollectionsConfiguration;
import app.collections.analyses.AnalysisDataFetchers;
import app.collections.auth.JwtVerifier;
import app.collections.chat.ChatDataFetchers;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlResource;
import app.collections.graphql.JwtAuthenticator;
import app.collections.graphql.PersistedQueries;
import app.collections.http.AllowedOrigins;
import app.collections.http.BuildInfo;
import app.collections.http.CorsFilter;
import app.collections.http.DatabaseProbe;
import app.collections.http.HealthResource;
import app.collections.http.HostCheckFilter;
import app.collections.http.HttpConfiguration;
import app.collections.http.NoStoreFilter;
import app.collections.http.VersionResource;
import app.collections.items.ItemDataFetchers;
import app.collections.items.ItemService;
import app.collections.pipeline.AnalysisRequests;
import app.collections.pipeline.PipelineDataFetchers;
import app.collections.playground.PlaygroundResource;
import app.collections.ratelimit.BucketStore;
import app.collections.ratelimit.MemoryBucketStore;
import app.collections.ratelimit.PostgresBucketStore;
import app.collections.ratelimit.RateLimitConfiguration;
import app.collections.ratelimit.RateLimitInstrumentation;
import app.collections.ratelimit.RateLimiter;
import app.collections.search.SearchDataFetchers;
import app.collections.uploads.UploadDataFetchers;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.execution.instrumentation.Instrumentation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GraphQL API and its HTTP edge: the executable schema over every feature's fetchers, the
 * per-tenant rate limits, and the JAX-RS resources and filters both hosts register.
 *
 * @param rateLimits empty when the configuration turns them off
 * @param resources {@code /graphql}, the playground, and the public {@code /health} and
 *     {@code /version} (no token, no rate limit: both belong to /graphql), for the host to register
 * @param filters the HTTP edge's request and response filters (Host check, CORS, no-store)
 */
public record Api(GraphqlEngine graphql, Optional<RateLimiter> rateLimits, List<Object> resources,
    List<Object> filters) {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);

  /**
   * {@code playgroundDevTokens}: the playground offers a "dev token" button (only where the local
   * host runs its dev issuer).
   */
  public static Api create(CollectionsConfiguration config, Persistence db, Processing processing,
      Searching searching, Conversation conversation, JwtVerifier verifier, boolean playgroundDevTokens,
      ObjectMapper json, MetricRegistry metrics) {
    Optional<RateLimiter> rateLimits = rateLimiter(config.getRateLimits(), db);
    List<Instrumentation> after = rateLimits.<List<Instrumentation>>map(l -> List.of(new RateLimitInstrumentation(l)))
        .orElse(List.of());
    GraphqlEngine graphql = schema(config, db, processing, searching, conversation, after);
    List<Object> resources = List.of(
        new GraphqlResource(graphql, new JwtAuthenticator(verifier),
            new PersistedQueries(db.jdbi(), config.getGraphql().getMaxRequestBytes()), json, config.getGraphql(),
            metrics),
        new PlaygroundResource(playgroundDevTokens),
        new HealthResource(new DatabaseProbe(db.jdbi(), Clock.systemUTC()), json),
        new VersionResource(BuildInfo.ofThisBuild(), json));
    return new Api(graphql, rateLimits, resources, filters(config.getHttp(), json));
  }

  /**
   * The executable schema over every feature's fetchers, {@code after} the instrumentations that
   * run after the built-in limits (the rate limits). What {@link #create} serves; tests that run
   * queries without HTTP use the same.
   */
  public static GraphqlEngine schema(CollectionsConfiguration config, Persistence db, Processing processing,
      Searching searching, Conversation conversation, List<Instrumentation> after) {
    return new GraphqlEngine(List.of(
        new ItemDataFetchers(db.items(), new ItemService(db.items(), processing.images()::delete),
            config.getGraphql().getMaxPageSize()),
        new AnalysisDataFetchers(db.analyses()),
        new UploadDataFetchers(processing.uploads(), processing.images(),
            config.getStorage().getDownloadUrlTtl().toJavaDuration()),
        new PipelineDataFetchers(new AnalysisRequests(db.items(), db.jobs(), processing.analyzers(), processing.lifecycle()),
            db.items()),
        new SearchDataFetchers(searching.search(), conversation.agentic().orElse(null),
            conversation.answerer().orElse(null), config.getGraphql().getMaxRankedPageSize()),
        new ChatDataFetchers(conversation.chat(), config.getGraphql().getMaxRankedPageSize())), config.getGraphql(), after);
  }

  private static List<Object> filters(HttpConfiguration http, ObjectMapper json) {
    List<Object> filters = new ArrayList<>();
    if (http.isCheckHost()) {
      filters.add(new HostCheckFilter(http.getAllowedHosts(), json));
    }
    filters.add(new CorsFilter(new AllowedOrigins(http.getCorsOrigins()), json));
    filters.add(new NoStoreFilter());
    return List.copyOf(filters);
  }

  /** Per-tenant token buckets in this process (local) or in PostgreSQL (every Lambda container's). */
  private static Optional<RateLimiter> rateLimiter(RateLimitConfiguration config, Persistence db) {
    if (!config.isEnabled()) {
      return Optional.empty();
    }
    BucketStore store = config.getStore() == RateLimitConfiguration.Store.POSTGRES
        ? new PostgresBucketStore(db.jdbi(), config)
        : new MemoryBucketStore(config, Clock.systemUTC());
    LOG.info("Rate limits per tenant: {} store", config.getStore());
    return Optional.of(new RateLimiter(store, config));
  }
}
