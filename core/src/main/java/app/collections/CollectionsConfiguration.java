package app.collections;

import app.collections.agent.AgentConfiguration;
import app.collections.auth.AuthConfiguration;
import app.collections.chat.ChatConfiguration;
import app.collections.graphql.GraphqlLimits;
import app.collections.http.HttpConfiguration;
import app.collections.embeddings.EmbeddingConfiguration;
import app.collections.pipeline.PipelineConfiguration;
import app.collections.ratelimit.RateLimitConfiguration;
import app.collections.search.SearchConfiguration;
import app.collections.storage.StorageConfiguration;
import app.collections.vision.VisionConfiguration;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * The service's configuration, read from YAML by both hosts: the Lambda host reads lambda.yml into
 * it; the Dropwizard host's ServerConfiguration unwraps it beside Dropwizard's own sections
 * (server, logging), so one file layout serves both.
 */
public class CollectionsConfiguration {
  @Valid @NotNull private DataSourceFactory database = new DataSourceFactory();
  @Valid @NotNull private AuthConfiguration auth = new AuthConfiguration();
  @Valid @NotNull private GraphqlLimits graphql = new GraphqlLimits();
  /** The HTTP edge: Host check, CORS origins. */
  @Valid @NotNull private HttpConfiguration http = new HttpConfiguration();
  @Valid @NotNull private StorageConfiguration storage = new StorageConfiguration();
  @Valid @NotNull private VisionConfiguration vision = new VisionConfiguration();
  @Valid @NotNull private PipelineConfiguration pipeline = new PipelineConfiguration();
  @Valid @NotNull private EmbeddingConfiguration embeddings = new EmbeddingConfiguration();
  @Valid @NotNull private SearchConfiguration search = new SearchConfiguration();
  @Valid @NotNull private ChatConfiguration chat = new ChatConfiguration();
  @Valid @NotNull private AgentConfiguration agent = new AgentConfiguration();
  // Per-tenant rate limits (issue 9).
  @Valid @NotNull private RateLimitConfiguration rateLimits = new RateLimitConfiguration();
  @JsonProperty public RateLimitConfiguration getRateLimits() { return rateLimits; }
  @JsonProperty public void setRateLimits(RateLimitConfiguration rateLimits) { this.rateLimits = rateLimits; }
  /** Where local state lives: the dev issuer's key, and later local S3 and DynamoDB data. */
  @NotNull private Path dataDir = Path.of(".data");
  /** Local mode applies pending migrations at startup; production runs {@code db migrate}. */
  private boolean migrateOnStart;

  @JsonProperty public DataSourceFactory getDatabase() { return database; }
  @JsonProperty public void setDatabase(DataSourceFactory database) { this.database = database; }
  @JsonProperty public AuthConfiguration getAuth() { return auth; }
  @JsonProperty public void setAuth(AuthConfiguration auth) { this.auth = auth; }
  @JsonProperty public GraphqlLimits getGraphql() { return graphql; }
  @JsonProperty public void setGraphql(GraphqlLimits graphql) { this.graphql = graphql; }
  @JsonProperty public StorageConfiguration getStorage() { return storage; }
  @JsonProperty public void setStorage(StorageConfiguration storage) { this.storage = storage; }
  @JsonProperty public VisionConfiguration getVision() { return vision; }
  @JsonProperty public void setVision(VisionConfiguration vision) { this.vision = vision; }
  @JsonProperty public PipelineConfiguration getPipeline() { return pipeline; }
  @JsonProperty public void setPipeline(PipelineConfiguration pipeline) { this.pipeline = pipeline; }
  @JsonProperty public EmbeddingConfiguration getEmbeddings() { return embeddings; }
  @JsonProperty public void setEmbeddings(EmbeddingConfiguration embeddings) { this.embeddings = embeddings; }
  @JsonProperty public SearchConfiguration getSearch() { return search; }
  @JsonProperty public void setSearch(SearchConfiguration search) { this.search = search; }
  @JsonProperty public ChatConfiguration getChat() { return chat; }
  @JsonProperty public void setChat(ChatConfiguration chat) { this.chat = chat; }
  @JsonProperty public AgentConfiguration getAgent() { return agent; }
  @JsonProperty public void setAgent(AgentConfiguration agent) { this.agent = agent; }
  @JsonProperty public HttpConfiguration getHttp() { return http; }
  @JsonProperty public void setHttp(HttpConfiguration http) { this.http = http; }
  @JsonProperty public Path getDataDir() { return dataDir; }
  @JsonProperty public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
  @JsonProperty public boolean isMigrateOnStart() { return migrateOnStart; }
  @JsonProperty public void setMigrateOnStart(boolean migrateOnStart) { this.migrateOnStart = migrateOnStart; }
}
