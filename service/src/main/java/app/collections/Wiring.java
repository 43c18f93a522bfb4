package app.collections;

import app.collections.agent.AgentConfiguration;
import app.collections.agent.AgentModels;
import app.collections.agent.AgentTools;
import app.collections.agent.ChatAgent;
import app.collections.analyses.AnalysisDao;
import app.collections.analyses.AnalysisDataFetchers;
import app.collections.auth.DevIssuer;
import app.collections.auth.DevIssuerResource;
import app.collections.auth.JwtVerifier;
import app.collections.auth.Tenant;
import app.collections.auth.UnauthenticatedException;
import app.collections.chat.ChatConfiguration;
import app.collections.chat.ChatDataFetchers;
import app.collections.chat.ChatService;
import app.collections.chat.ChatTable;
import app.collections.chat.CheckpointDao;
import app.collections.chat.DynamoDbClients;
import app.collections.chat.LocalDynamoDb;
import app.collections.db.Database;
import app.collections.db.LoggableFailure;
import app.collections.graphql.ApiException;
import app.collections.graphql.Authenticator;
import app.collections.graphql.ErrorCode;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlResource;
import app.collections.graphql.PersistedQueries;
import app.collections.http.AllowedOrigins;
import app.collections.http.CorsFilter;
import app.collections.http.HostCheckFilter;
import app.collections.http.NoStoreFilter;
import app.collections.embeddings.Embedder;
import app.collections.embeddings.Embedders;
import app.collections.embeddings.EmbeddingStep;
import app.collections.embeddings.QueryEmbeddingCache;
import app.collections.embeddings.VectorIndexes;
import app.collections.images.ImageInspector;
import app.collections.items.ItemDao;
import app.collections.items.ItemDataFetchers;
import app.collections.pipeline.AnalysisPipeline;
import app.collections.pipeline.JobDao;
import app.collections.pipeline.JobListener;
import app.collections.pipeline.PipelineConfiguration;
import app.collections.pipeline.SqsJobNotifier;
import app.collections.pipeline.PipelineDataFetchers;
import app.collections.pipeline.WorkerPool;
import app.collections.playground.PlaygroundResource;
import app.collections.ratelimit.BucketStore;
import app.collections.ratelimit.MemoryBucketStore;
import app.collections.ratelimit.PostgresBucketStore;
import app.collections.ratelimit.RateLimitConfiguration;
import app.collections.ratelimit.RateLimitInstrumentation;
import app.collections.ratelimit.RateLimiter;
import app.collections.search.AgenticSearch;
import app.collections.search.Bm25Search;
import app.collections.search.HybridSearch;
import app.collections.search.SearchConfiguration;
import app.collections.search.SearchAnswerer;
import app.collections.search.SearchDataFetchers;
import app.collections.search.SearchService;
import app.collections.search.VectorSearch;
import app.collections.storage.ImageStore;
import app.collections.storage.LocalS3Server;
import app.collections.storage.StorageConfiguration;
import app.collections.uploads.UploadDataFetchers;
import app.collections.uploads.UploadService;
import app.collections.vision.VisionAnalyzers;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.web.search.WebSearchEngine;
import dev.langchain4j.web.search.tavily.TavilyWebSearchEngine;
import graphql.execution.instrumentation.Instrumentation;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole service, assembled by explicit constructor calls: no classpath scanning, no DI
 * container (both cost cold start on Lambda). The Dropwizard application and the Lambda handlers
 * build one of these, register its {@link #resources()} and run its {@link #managed()} objects.
 */
public final class Wiring {
  private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

  private final Jdbi jdbi;
  private final ImageStore images;
  private final AnalysisPipeline pipeline;
  private final UploadService uploads;
  private final EmbeddingStep embedding;
  private final SearchService search;
  private final CheckpointDao checkpoints;
  private final ChatService chat;
  private final GraphqlEngine graphql;
  private final JobListener jobQueued;
  private final List<Object> resources = new ArrayList<>();
  private final List<Object> filters = new ArrayList<>();
  private final List<Managed> managed = new ArrayList<>();
  /** Null when rate limits are off. */
  private RateLimiter rateLimiter;

  public Wiring(CollectionsConfiguration config, DataSource dataSource, MetricRegistry metrics, ObjectMapper json) {
    this.jdbi = Database.jdbi(dataSource, metrics, json);
    ItemDao items = jdbi.onDemand(ItemDao.class);
    AnalysisDao analyses = jdbi.onDemand(AnalysisDao.class);
    JobDao jobs = jdbi.onDemand(JobDao.class);

    this.images = imageStore(config);
    Embedder embedder = Embedders.create(config.getEmbeddings());
    LOG.info("Embedding model: {} ({} dimensions)", embedder.model(), embedder.dimension());
    // The offline analyser categorises by the embedding model (issue 13).
    VisionAnalyzers analyzers = VisionAnalyzers.create(config.getVision(), embedder);
    LOG.info("Vision provider: {} by default", analyzers.defaultProvider().id());
    SearchConfiguration searchConfig = config.getSearch();
    VectorIndexes vectorIndexes = new VectorIndexes(jdbi, searchConfig.getHnswThreshold());
    this.embedding = new EmbeddingStep(jdbi, embedder, vectorIndexes);
    this.pipeline = new AnalysisPipeline(jdbi, images, analyzers, embedding, config.getPipeline(), metrics);
    this.search = new SearchService(new Bm25Search(jdbi, searchConfig),
        new VectorSearch(jdbi, new QueryEmbeddingCache(embedder, config.getEmbeddings().getQueryCacheSize()),
            vectorIndexes, searchConfig),
        new HybridSearch(searchConfig), items, searchConfig, metrics);
    // Listeners join after the services exist: the local workers' housekeeping sweeps uploads.
    List<JobListener> listeners = new ArrayList<>();
    JobListener jobQueued = (tenant, itemId) -> listeners.forEach(l -> l.jobQueued(tenant, itemId));
    this.jobQueued = jobQueued;
    this.uploads = new UploadService(jdbi, images, new ImageInspector(), config.getStorage(),
        config.getPipeline().getMaxAttempts(), jobQueued);
    listeners.addAll(jobListeners(config.getPipeline()));
    this.checkpoints = checkpoints(config.getChat(), config.getDataDir());

    AgentConfiguration agentConfig = config.getAgent();
    Optional<ChatModel> model = AgentModels.create(agentConfig, config.getVision());
    Duration turnTimeout = agentConfig.getTurnTimeout().toJavaDuration();
    AgentTools tools = new AgentTools(search, items, analyses, webSearch(agentConfig, turnTimeout));
    ChatAgent agent = model.map(m -> new ChatAgent(m, tools, agentConfig.getMaxToolCalls(), turnTimeout)).orElse(null);
    LOG.info("Chat agent: {}", agent == null ? "none (no Anthropic or OpenAI key)" : "on");
    this.chat = new ChatService(checkpoints, agent, items, agentConfig.getMaxMessageLength(),
        agentConfig.getHistoryMessages(), turnTimeout, Clock.systemUTC());

    this.graphql = new GraphqlEngine(List.of(
        new ItemDataFetchers(items, images::delete, config.getGraphql().getMaxPageSize()),
        new AnalysisDataFetchers(analyses),
        new UploadDataFetchers(uploads, images,
            config.getStorage().getDownloadUrlTtl().toJavaDuration()),
        new PipelineDataFetchers(pipeline, items, jobs, analyzers, jobQueued),
        new SearchDataFetchers(search, agent == null ? null : new AgenticSearch(agent, search, items),
            model.map(m -> new SearchAnswerer(m, analyses)).orElse(null)),
        new ChatDataFetchers(chat)), config.getGraphql(), rateLimits(config.getRateLimits()));

    var auth = config.getAuth();
    DevIssuer devIssuer = auth.getDevIssuer().isEnabled()
        ? DevIssuer.loadOrCreate(config.getDataDir(), auth.getDevIssuer())
        : null;
    JwtVerifier verifier = JwtVerifier.create(auth, devIssuer);

    resources.add(new GraphqlResource(graphql, bearer(verifier),
        new PersistedQueries(jdbi, config.getGraphql().getMaxRequestBytes()), json, config.getGraphql(), metrics));
    // The HTTP edge: Jersey filters both hosts register with the resources.
    if (config.getHttp().isCheckHost()) {
      filters.add(new HostCheckFilter(config.getHttp().getAllowedHosts(), json));
    }
    filters.add(new CorsFilter(new AllowedOrigins(config.getHttp().getCorsOrigins()), json));
    filters.add(new NoStoreFilter());
    resources.add(new PlaygroundResource(devIssuer != null));
    if (devIssuer != null) {
      // Mints tokens for anyone who asks: it exists only where the configuration turns it on.
      resources.add(new DevIssuerResource(devIssuer));
    }
  }

  /** The JAX-RS resources, for the host to register. */
  public List<Object> resources() {
    return List.copyOf(resources);
  }

  /** The HTTP edge's request and response filters (Host check, CORS, no-store), for the host to register. */
  public List<Object> filters() {
    return List.copyOf(filters);
  }

  /** What the host starts and stops with itself (the local workers, the local S3 server). */
  public List<Managed> managed() {
    return List.copyOf(managed);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public ImageStore images() {
    return images;
  }

  public AnalysisPipeline pipeline() {
    return pipeline;
  }

  public UploadService uploads() {
    return uploads;
  }

  public EmbeddingStep embedding() {
    return embedding;
  }

  public SearchService search() {
    return search;
  }

  /** The chat agent's conversations. */
  public CheckpointDao checkpoints() {
    return checkpoints;
  }

  public ChatService chat() {
    return chat;
  }

  /** Tells the workers (or the processor Lambda, via SQS) of a job queued outside a request: the prototype import's. */
  public JobListener jobQueued() {
    return jobQueued;
  }

  /** The executable schema, as the GraphQL resource serves it. */
  public GraphqlEngine graphql() {
    return graphql;
  }

  /** Uploads abandoned after their PUT become items; those never PUT are dropped (see UploadService). */
  public void sweepUploads() {
    try {
      uploads.sweep(UploadService.ABANDONED_AFTER, UploadService.SWEEP_BATCH);
    } catch (RuntimeException e) {
      LOG.error("Sweeping unfinished uploads failed; will try again", LoggableFailure.of(e));
    }
  }

  /** Who hears of a queued job: the local workers, or (on AWS) the processor Lambda via SQS. */
  private List<JobListener> jobListeners(PipelineConfiguration config) {
    List<JobListener> listeners = new ArrayList<>();
    if (config.getWorkers() > 0) {
      WorkerPool workers = new WorkerPool(pipeline, config, this::sweepUploads);
      managed.add(workers);
      listeners.add((tenant, itemId) -> workers.wake());
    }
    if (config.getQueueUrl() != null) {
      listeners.add(new SqsJobNotifier(SqsClient.builder()
          .httpClientBuilder(UrlConnectionHttpClient.builder()).build(), config.getQueueUrl()));
    }
    return listeners;
  }

  /**
   * S3, or in local mode the in-process S3 server: started here rather than by the lifecycle,
   * since the bucket must exist before anything else is built; the host stops it.
   */
  private ImageStore imageStore(CollectionsConfiguration config) {
    StorageConfiguration storage = config.getStorage();
    if (!storage.getLocal().isEnabled()) {
      return ImageStore.create(storage);
    }
    LocalS3Server server = new LocalS3Server(config.getDataDir().resolve("s3"), storage.getLocal().getPort(),
        new AllowedOrigins(config.getHttp().getCorsOrigins()));
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("the local S3 server did not start on port " + storage.getLocal().getPort()
          + ": " + e.getMessage(), e);
    }
    managed.add(new Managed() {
      @Override
      public void stop() throws Exception {
        server.stop();
      }
    });
    ImageStore store = ImageStore.create(storage, server.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
    store.createBucketIfMissing();
    LOG.info("Local S3 server at {} (bucket {}), storing under {}", server.endpoint(), storage.getBucket(),
        config.getDataDir().resolve("s3"));
    return store;
  }

  /**
   * The chat table, or in local mode dynalite: started here, like the S3 server, since the table
   * must exist before anything uses it; the host stops it ({@code start} again is a no-op).
   */
  private CheckpointDao checkpoints(ChatConfiguration chat, Path dataDir) {
    ChatConfiguration.DynamoDb dynamodb = chat.getDynamodb();
    DynamoDbClient client;
    if (dynamodb.getLocal().isEnabled()) {
      LocalDynamoDb server = new LocalDynamoDb(Path.of(dynamodb.getLocal().getDynaliteDir()),
          dataDir.resolve("dynamodb"), dynamodb.getLocal().getPort());
      managed.add(server);
      try {
        server.start();
      } catch (Exception e) {
        throw new IllegalStateException("the local DynamoDB did not start: " + e.getMessage(), e);
      }
      client = DynamoDbClients.local(server.endpoint(), dynamodb.getRegion());
      ChatTable.createIfMissing(client, dynamodb.getTable());
    } else {
      client = DynamoDbClients.create(dynamodb);
    }
    return new CheckpointDao(client, dynamodb.getTable(), chat.getSessionTtl().toJavaDuration(),
        chat.getKeepCheckpoints(), Clock.systemUTC());
  }

  /** Drops a tenant's rate-limit buckets: the SnapStart priming tenant's, so the snapshot leaves no row. */
  public void forgetRateLimits(Tenant tenant) {
    if (rateLimiter != null) {
      rateLimiter.forget(tenant);
    }
  }

  /** Per-tenant token buckets in this process (local) or in PostgreSQL (every Lambda container's). */
  private List<Instrumentation> rateLimits(RateLimitConfiguration config) {
    if (!config.isEnabled()) {
      return List.of();
    }
    BucketStore store = config.getStore() == RateLimitConfiguration.Store.POSTGRES
        ? new PostgresBucketStore(jdbi, config)
        : new MemoryBucketStore(config, Clock.systemUTC());
    LOG.info("Rate limits per tenant: {} store", config.getStore());
    rateLimiter = new RateLimiter(store, config);
    return List.of(new RateLimitInstrumentation(rateLimiter));
  }

  /** Tavily, when its key is set: the agent's webSearch tool exists only then. */
  private static WebSearchEngine webSearch(AgentConfiguration agent, Duration timeout) {
    return agent.getTavilyApiKey() == null ? null
        : TavilyWebSearchEngine.builder().apiKey(agent.getTavilyApiKey()).timeout(timeout).build();
  }

  private static Authenticator bearer(JwtVerifier verifier) {
    return header -> {
      try {
        return verifier.authenticate(header);
      } catch (UnauthenticatedException e) {
        throw new ApiException(ErrorCode.UNAUTHENTICATED, e.getMessage());
      }
    };
  }
}
