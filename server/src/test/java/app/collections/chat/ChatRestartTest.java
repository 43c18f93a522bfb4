package app.collections.chat;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.CollectionsConfiguration;
import app.collections.server.LocalApi;
import app.collections.agent.AgentTools;
import app.collections.auth.Tenant;
import app.collections.json.Json;
import app.collections.testing.FakeLlm;
import app.collections.testing.Fixtures;
import app.collections.testing.GraphqlTester;
import app.collections.testing.LocalDynamoDbExtension;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation lives in DynamoDB, not in the process: turn 1 runs on one service instance,
 * which then stops (its dynalite too); turn 2 runs on a new instance over the same data folder, and
 * the model is sent turn 1 as read back from the table.
 */
class ChatRestartTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  static final String RAMEN = "d5ebd2cd-f71b-4d6e-898a-0e3cc02302ff";
  static final String SEND = """
      mutation($session: ID, $message: String!) {
        sendChatMessage(input: {sessionId: $session, message: $message}) {
          session { id messageCount } reply citedItems { filename } steps { tool }
        }
      }""";

  @TempDir Path dataDir;

  @Test
  void turnTwoOnANewInstanceContinuesTurnOneFromDynamoDb() throws Exception {
    Tenant alice = new Tenant("alice");
    SearchableItems searchable = new SearchableItems(db.jdbi());
    Fixtures.goldenAnalyses().stream().filter(g -> g.path("item_id").asText().equals(RAMEN)).forEach(g -> searchable.add(alice, g));
    Fixtures.goldenAnalyses().subList(0, 3).forEach(g -> searchable.add(alice, g));

    try (FakeLlm llm = new FakeLlm()) {
      llm.script(e -> {
        List<String> results = e.toolResultsSinceUser();
        if (e.lastUserText().contains("ramen")) {
          return results.isEmpty() ? FakeLlm.call(AgentTools.SEARCH_COLLECTION, Map.of("query", "Ichiran ramen Fukuoka"))
              : FakeLlm.text("Ichiran's headquarters [" + ChatDataFetchersTest.firstItemId(results.getFirst()) + "].");
        }
        return FakeLlm.text("I only know what turn 1 found.");
      });

      LocalApi first = wiring(llm);
      JsonNode one = run(first, alice, null, "what was that ramen place in Fukuoka?");
      assertThat(one.path("citedItems")).extracting(i -> i.path("filename").asText()).containsExactly(RAMEN + ".jpg");
      String session = one.path("session").path("id").asText();
      stop(first);

      LocalApi second = wiring(llm);
      try {
        JsonNode two = run(second, alice, session, "how much did the entry cost?");
        assertThat(two.path("session").path("messageCount").asInt()).isEqualTo(4);
        List<Map.Entry<String, String>> sent = llm.requests().getLast().turns();
        assertThat(sent).extracting(Map.Entry::getKey).containsExactly("user", "tool_call", "tool", "assistant", "user");
        assertThat(sent.get(0).getValue()).isEqualTo("what was that ramen place in Fukuoka?");
        assertThat(sent.get(1).getValue()).contains("searchCollection", "Ichiran ramen Fukuoka");
        assertThat(sent.get(2).getValue()).contains("Ichiran");
        assertThat(sent.get(3).getValue()).startsWith("Ichiran's headquarters [");
        assertThat(sent.get(4).getValue()).isEqualTo("how much did the entry cost?");
      } finally {
        stop(second);
      }
    }
  }

  private LocalApi wiring(FakeLlm llm) {
    CollectionsConfiguration config = new CollectionsConfiguration();
    config.setDataDir(dataDir);
    config.getStorage().getLocal().setEnabled(true);
    config.getStorage().getLocal().setPort(0);
    config.getPipeline().setWorkers(0);
    config.getAuth().getDevIssuer().setEnabled(true);
    var dynamodb = config.getChat().getDynamodb();
    dynamodb.getLocal().setEnabled(true);
    dynamodb.getLocal().setPort(0);
    dynamodb.getLocal().setDynaliteDir(LocalDynamoDbExtension.dynaliteDir().toString());
    config.getVision().getAnthropic().setApiKey("test-key");
    config.getVision().getAnthropic().setBaseUrl(llm.anthropicUrl());
    return LocalApi.start(config, db.dataSource(), new MetricRegistry(), Json.MAPPER);
  }

  private static JsonNode run(LocalApi wiring, Tenant tenant, String session, String message) {
    Map<String, Object> vars = new java.util.HashMap<>();
    vars.put("session", session);
    vars.put("message", message);
    JsonNode response = new GraphqlTester(wiring.api().graphql()).run(tenant, SEND, vars);
    assertThat(response.path("errors").isMissingNode()).as("%s", response).isTrue();
    return response.path("data").path("sendChatMessage");
  }

  private void stop(LocalApi wiring) throws Exception {
    wiring.stop();
    assertThat(Files.exists(dataDir.resolve("dynamodb"))).isTrue();
  }
}
