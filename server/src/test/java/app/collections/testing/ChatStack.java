package app.collections.testing;

import app.collections.CollectionsConfiguration;
import app.collections.agent.AgentConfiguration;
import app.collections.analyses.AnalysisDao;
import app.collections.assembly.Api;
import app.collections.assembly.Conversation;
import app.collections.assembly.Indexing;
import app.collections.assembly.Persistence;
import app.collections.assembly.Processing;
import app.collections.assembly.Searching;
import app.collections.chat.ChatService;
import app.collections.chat.CheckpointDao;
import app.collections.items.ItemDao;
import app.collections.lifecycle.JobDao;
import app.collections.storage.ImageStore;
import app.collections.vision.VisionAnalyzers;
import app.collections.vision.VisionConfiguration;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The chat agent, AGENTIC search and search answers, assembled from the same parts the hosts
 * assemble, over a test database, a test dynalite and (optionally) a fake model, with a clock the
 * test controls.
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
    CollectionsConfiguration config = new CollectionsConfiguration();
    config.setAgent(agentConfig);
    config.setVision(vision);
    config.getChat().getDynamodb().setTable(LocalDynamoDbExtension.TABLE);
    config.getPipeline().setWorkers(0);
    // Nothing here stores images: a store at a port nobody listens on, never called.
    config.getStorage().setEndpoint("http://127.0.0.1:1");
    config.getStorage().setAccessKey("unused");
    config.getStorage().setSecretKey("unused");
    MetricRegistry metrics = new MetricRegistry();
    // The parts the hosts assemble (app.collections.assembly), over the test's database and dynalite.
    Persistence db = new Persistence(jdbi, jdbi.onDemand(ItemDao.class), jdbi.onDemand(AnalysisDao.class),
        jdbi.onDemand(JobDao.class));
    Indexing indexing = Indexing.create(db, TestEmbedder.local(), config.getSearch());
    Searching searching = Searching.create(config, db, indexing, metrics);
    Conversation conversation = Conversation.create(config, db, searching, () -> dynamo, clock);
    Processing processing = Processing.create(config, db, ImageStore.create(config.getStorage()),
        VisionAnalyzers.create(vision), indexing, metrics);
    GraphqlTester graphql = new GraphqlTester(Api.schema(config, db, processing, searching, conversation, List.of()));
    return new ChatStack(conversation.checkpoints(), conversation.chat(), graphql);
  }
}
