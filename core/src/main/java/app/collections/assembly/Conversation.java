package app.collections.assembly;

import app.collections.CollectionsConfiguration;
import app.collections.agent.AgentConfiguration;
import app.collections.agent.AgentModels;
import app.collections.agent.AgentTools;
import app.collections.agent.AgenticSearch;
import app.collections.agent.ChatAgent;
import app.collections.chat.ChatConfiguration;
import app.collections.chat.ChatService;
import app.collections.chat.CheckpointDao;
import app.collections.lazy.Lazy;
import app.collections.search.AgenticSearcher;
import app.collections.search.SearchAnswerer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.web.search.WebSearchEngine;
import dev.langchain4j.web.search.tavily.TavilyWebSearchEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The model-driven features: the chat agent and its DynamoDB checkpoints, AGENTIC search and
 * written answers. Without an Anthropic or OpenAI key there is no model: chat stores and reads
 * sessions but answers that it has no agent, and AGENTIC search and answers say so.
 */
public record Conversation(ChatService chat, CheckpointDao checkpoints, Optional<AgenticSearcher> agentic,
    Optional<SearchAnswerer> answerer) {
  private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);

  /** {@code dynamo}: the host's client (AWS, built at the first chat turn, or the local host's dynalite with its table made). */
  public static Conversation create(CollectionsConfiguration config, Persistence db, Searching searching,
      Supplier<DynamoDbClient> dynamo) {
    return create(config, db, searching, dynamo, Clock.systemUTC());
  }

  /** {@code clock}: when sessions expire and checkpoints are stamped (a test's own clock). */
  public static Conversation create(CollectionsConfiguration config, Persistence db, Searching searching,
      Supplier<DynamoDbClient> dynamo, Clock clock) {
    ChatConfiguration chatConfig = config.getChat();
    CheckpointDao checkpoints = new CheckpointDao(dynamo, chatConfig.getDynamodb().getTable(),
        chatConfig.getSessionTtl().toJavaDuration(), chatConfig.getKeepCheckpoints(), clock);
    AgentConfiguration agentConfig = config.getAgent();
    Optional<ChatModel> model = AgentModels.create(agentConfig, config.getVision());
    Duration turnTimeout = agentConfig.getTurnTimeout().toJavaDuration();
    AgentTools tools = new AgentTools(searching.search(), db.items(), db.analyses(), webSearch(agentConfig, turnTimeout));
    Optional<ChatAgent> agent = model.map(m -> new ChatAgent(m, tools, agentConfig.getMaxToolCalls(), turnTimeout));
    LOG.info("Chat agent: {}", agent.isEmpty() ? "none (no Anthropic or OpenAI key)" : "on");
    ChatService chat = new ChatService(checkpoints, agent.orElse(null), db.items(), agentConfig.getMaxMessageLength(),
        agentConfig.getHistoryMessages(), turnTimeout, clock);
    return new Conversation(chat, checkpoints,
        agent.map(a -> new AgenticSearch(a, searching.search(), db.items())),
        model.map(m -> new SearchAnswerer(m, db.analyses())));
  }

  /** Tavily, when its key is set: the agent's webSearch tool exists only then; built at its first search. */
  private static WebSearchEngine webSearch(AgentConfiguration agent, Duration timeout) {
    return agent.getTavilyApiKey() == null ? null
        : Lazy.of(WebSearchEngine.class,
            () -> TavilyWebSearchEngine.builder().apiKey(agent.getTavilyApiKey()).timeout(timeout).build());
  }
}
