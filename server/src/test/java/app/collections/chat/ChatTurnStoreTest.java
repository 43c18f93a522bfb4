package app.collections.chat;

import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.agent.AgentConfiguration;
import app.collections.agent.AgentTools;
import app.collections.auth.Tenant;
import app.collections.paging.GlobalId;
import app.collections.testing.ChatStack;
import app.collections.testing.FakeLlm;
import app.collections.testing.Fixtures;
import app.collections.testing.LocalDynamoDbExtension;
import app.collections.testing.MutableClock;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a chat turn asks of DynamoDB: its round trips are most of a turn's own cost, so their
 * number is held here, as is the conversation's META that a turn now writes only once.
 */
class ChatTurnStoreTest {
  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();
  @RegisterExtension @Order(2) static final LocalDynamoDbExtension dynamo = new LocalDynamoDbExtension();

  static final String SEND = """
      mutation($session: ID, $message: String!) {
        sendChatMessage(input: {sessionId: $session, message: $message}) {
          session { id title messageCount } citedItems { id } steps { tool }
        }
      }""";

  @Test
  void aTurnWithTwoToolRoundsMakesEightCallsAtMostAndWritesMetaOnce() throws Exception {
    Tenant alice = new Tenant("alice");
    SearchableItems searchable = new SearchableItems(db.jdbi());
    Fixtures.goldenAnalyses().subList(0, 5).forEach(g -> searchable.add(alice, g));
    List<String> calls = new ArrayList<>();
    DynamoDbClient counted = DynamoDbClients.localBuilder(dynamo.server().endpoint(), "us-east-1")
        .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            synchronized (calls) {
              calls.add(context.request().getClass().getSimpleName().replace("Request", ""));
            }
          }
        }))
        .build();
    MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    try (FakeLlm llm = new FakeLlm()) {
      llm.script(e -> {
        List<String> results = e.toolResultsSinceUser();
        if (results.isEmpty()) {
          return FakeLlm.call(AgentTools.SEARCH_COLLECTION, Map.of("query", "Tokyo"));
        }
        String id = ChatDataFetchersTest.firstItemId(results.getFirst());
        return results.size() == 1 ? FakeLlm.call(AgentTools.GET_ITEM, Map.of("itemId", id))
            : FakeLlm.text("Here [" + id + "].");
      });
      ChatStack stack = ChatStack.create(db.jdbi(), counted, new AgentConfiguration(), ChatStack.anthropicAt(llm), clock);
      Instant created = clock.instant();
      String session = null;
      int turns = 8;
      for (int turn = 1; turn <= turns; turn++) {
        calls.clear();
        Map<String, Object> vars = new HashMap<>();
        vars.put("session", session);
        vars.put("message", turn == 1 ? "Tokyo trip ideas" : "and more, take " + turn);
        JsonNode reply = stack.graphql.run(alice, SEND, vars).path("data").path("sendChatMessage");
        assertThat(reply.path("steps")).hasSize(2);
        session = reply.path("session").path("id").asText();
        assertThat(reply.path("session").path("messageCount").asInt()).isEqualTo(2 * turn);

        // The read (META and the newest checkpoint together), a put per step, META once, and past
        // the kept window (20 checkpoints, 4 a turn) one key query and one batch delete.
        Map<String, Long> byOperation = new HashMap<>();
        calls.forEach(c -> byOperation.merge(c, 1L, Long::sum));
        Map<String, Long> expected = new HashMap<>(Map.of("Query", 1L, "PutItem", 4L, "UpdateItem", 1L));
        if (turn > 5) {
          expected.put("Query", 2L);
          expected.put("BatchWriteItem", 1L);
        }
        assertThat(byOperation).as("turn %d", turn).isEqualTo(expected);
        clock.advance(Duration.ofMinutes(1));
      }

      String id = GlobalId.decode(session, "ChatSession").toString();
      ChatSession meta = stack.checkpoints.findSession(alice, id).orElseThrow();
      assertThat(meta).isEqualTo(new ChatSession(id, "Tokyo trip ideas", created,
          created.plus(Duration.ofMinutes(turns - 1)), 2 * turns, 4L * turns));
      Map<String, AttributeValue> raw = dynamo.client().getItem(g -> g.tableName(LocalDynamoDbExtension.TABLE)
          .key(Map.of("pk", AttributeValue.fromS(ChatKeys.pk(alice, id)), "sk", AttributeValue.fromS("META"))))
          .item();
      assertThat(raw.get("version").n()).as("META writes").isEqualTo(Integer.toString(turns));
      assertThat(stack.checkpoints.history(alice, id, 100)).hasSize(20);
    }
  }

  @Test
  void aToolRoundThatLosesItsCheckpointToAnotherWriterEndsTheTurnWithConflict() throws Exception {
    Tenant bob = new Tenant("bob");
    new SearchableItems(db.jdbi()).add(bob, Fixtures.goldenAnalyses().get(3));
    MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    try (FakeLlm llm = new FakeLlm()) {
      ChatStack stack = ChatStack.create(db.jdbi(), dynamo.client(), new AgentConfiguration(), ChatStack.anthropicAt(llm), clock);
      llm.script(e -> FakeLlm.text("hello"));
      Map<String, Object> vars = new HashMap<>();
      vars.put("session", null);
      vars.put("message", "hi");
      String session = stack.graphql.run(bob, SEND, vars).path("data").path("sendChatMessage")
          .path("session").path("id").asText();
      String id = GlobalId.decode(session, "ChatSession").toString();

      // Turn 2 writes its message as checkpoint 3; while the model decides on a tool, another
      // writer takes checkpoint 4, which the tool round was to be.
      llm.script(e -> {
        if (e.toolResultsSinceUser().isEmpty()) {
          Checkpoint message = stack.checkpoints.latest(bob, id).orElseThrow();
          stack.checkpoints.save(bob, id, message.number(), message.state(), Map.of("phase", "answer"), null, 3);
          return FakeLlm.call(AgentTools.SEARCH_COLLECTION, Map.of("query", "Tokyo"));
        }
        return FakeLlm.text("found it");
      });
      vars.put("session", session);
      vars.put("message", "anything on Tokyo?");
      JsonNode response = stack.graphql.run(bob, SEND, vars);

      assertThat(errorCode(response)).as("%s", response).isEqualTo("CONFLICT");
      Checkpoint latest = stack.checkpoints.latest(bob, id).orElseThrow();
      assertThat(latest.number()).isEqualTo(4);
      assertThat(latest.metadata()).containsEntry("phase", "answer");
      assertThat(stack.checkpoints.history(bob, id, 10)).extracting(Checkpoint::number).containsExactly(4L, 3L, 2L, 1L);
      assertThat(stack.checkpoints.findSession(bob, id).orElseThrow().latestCheckpoint()).isEqualTo(4);
    }
  }
}
