package app.collections.testing;

import app.collections.agent.AgentConfiguration;
import app.collections.agent.AgentModels;
import app.collections.agent.AgentTools;
import app.collections.agent.ChatAgent;
import app.collections.analyses.AnalysisDao;
import app.collections.analyses.AnalysisDataFetchers;
import app.collections.chat.ChatDataFetchers;
import app.collections.chat.ChatService;
import app.collections.chat.CheckpointDao;
import app.collections.embeddings.QueryEmbeddingCache;
import app.collections.embeddings.VectorIndexes;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlLimits;
import app.collections.items.ItemDao;
import app.collections.items.ItemDataFetchers;
import app.collections.agent.AgenticSearch;
import app.collections.items.ItemService;
import app.collections.search.Bm25Search;
import app.collections.search.HybridSearch;
import app.collections.search.SearchAnswerer;
import app.collections.search.SearchConfiguration;
import app.collections.search.SearchDataFetchers;
import app.collections.search.SearchService;
import app.collections.search.VectorSearch;
import app.collections.vision.VisionConfiguration;
import com.codahale.metrics.MetricRegistry;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The chat agent, AGENTIC search and search answers wired as {@code Wiring} wires them, over a test
 * database, a test dynalite and (optionally) a fake model, with a clock the test controls.
 */
public final class ChatStack {
  public final CheckpointDao checkpoints;
  public final ChatService chat;
  public final GraphqlTester graphql;

  private ChatStack(CheckpointDao checkpoints, ChatService chat, GraphqlTester graphql) {
    this.checkpoints = checkpoints;
    this.chat = chat;
    this.graphql = graphql;
  }

  /** Claude's key and endpoint, pointed at the fake. */
  public static VisionConfiguration anthropicAt(FakeLlm llm) {
    VisionConfiguration vision = new VisionConfiguration();
    vision.getAnthropic().setApiKey("test-key");
    vision.getAnthropic().setBaseUrl(llm.anthropicUrl());
    return vision;
  }

  public static VisionConfiguration openAiAt(FakeLlm llm) {
    VisionConfiguration vision = new VisionConfiguration();
    vision.getOpenai().setApiKey("test-key");
    vision.getOpenai().setBaseUrl(llm.openAiUrl());
    return vision;
  }

  public static ChatStack create(Jdbi jdbi, DynamoDbClient dynamo, AgentConfiguration agentConfig,
      VisionConfiguration vision, Clock clock) {
    ItemDao items = jdbi.onDemand(ItemDao.class);
    AnalysisDao analyses = jdbi.onDemand(AnalysisDao.class);
    SearchConfiguration config = new SearchConfiguration();
    VectorIndexes indexes = new VectorIndexes(jdbi, config.getHnswThreshold());
    SearchService search = new SearchService(new Bm25Search(jdbi, config),
        new VectorSearch(jdbi, new QueryEmbeddingCache(TestEmbedder.local(), 100), indexes, config),
        new HybridSearch(config), items, config, new MetricRegistry());
    CheckpointDao checkpoints = new CheckpointDao(dynamo, LocalDynamoDbExtension.TABLE, Duration.ofHours(4), 20, clock);
    ChatModel model = AgentModels.create(agentConfig, vision).orElse(null);
    Duration timeout = agentConfig.getTurnTimeout().toJavaDuration();
    ChatAgent agent = model == null ? null
        : new ChatAgent(model, new AgentTools(search, items, analyses, null), agentConfig.getMaxToolCalls(), timeout);
    ChatService chat = new ChatService(checkpoints, agent, items, agentConfig.getMaxMessageLength(),
        agentConfig.getHistoryMessages(), timeout, clock);
    GraphqlLimits limits = new GraphqlLimits();
    GraphqlTester graphql = new GraphqlTester(new GraphqlEngine(List.of(
        new ItemDataFetchers(items, new ItemService(items, key -> {}), limits.getMaxPageSize()),
        new AnalysisDataFetchers(analyses),
        new SearchDataFetchers(search, agent == null ? null : new AgenticSearch(agent, search, items),
            model == null ? null : new SearchAnswerer(model, analyses), limits.getMaxRankedPageSize()),
        new ChatDataFetchers(chat, limits.getMaxRankedPageSize())), limits));
    return new ChatStack(checkpoints, chat, graphql);
  }
}
