package app.collections.chat;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.agent.AgentConfiguration;
import app.collections.auth.Tenant;
import app.collections.testing.ChatStack;
import app.collections.testing.LocalDynamoDbExtension;
import app.collections.testing.TestDatabase;
import app.collections.vision.VisionConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** ChatSession.messages through its data loader: DynamoDB calls per page of sessions, not per session. */
class ChatMessagesBatchingTest {
  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();
  @RegisterExtension @Order(2) static final LocalDynamoDbExtension dynamo = new LocalDynamoDbExtension();

  private static final String PAGE = "query($n: Int) { chatSessions(first: $n) { edges { node { title messages { role content } } } } }";
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  @Test
  void aPageOfSessionsReadsTheirMessagesInOneCall() {
    ChatStack stack = ChatStack.create(db.jdbi(), counting(dynamo.client()), new AgentConfiguration(),
        new VisionConfiguration(), Clock.systemUTC());
    Tenant alice = new Tenant("alice-" + UUID.randomUUID());
    for (int i = 0; i < 6; i++) {
      String state = new ThreadState(List.of(UserMessage.from("question " + i), AiMessage.from("answer " + i)), 2,
          List.of(), List.of()).toJson();
      stack.checkpoints.save(alice, UUID.randomUUID().toString(), 0, state, Map.of(), "chat " + i, 2);
    }

    Map<String, Integer> one = callsOf(stack, alice, 1);
    Map<String, Integer> six = callsOf(stack, alice, 6);

    assertThat(six).isEqualTo(one).isEqualTo(Map.of("query", 1, "batchGetItem", 1));
  }

  /** The DynamoDB calls one page of n sessions with their messages makes, by operation. */
  private Map<String, Integer> callsOf(ChatStack stack, Tenant tenant, int n) {
    calls.clear();
    JsonNode page = stack.graphql.run(tenant, PAGE, Map.of("n", n));
    assertThat(page.has("errors")).as(page.toString()).isFalse();
    JsonNode edges = page.path("data").path("chatSessions").path("edges");
    assertThat(edges).hasSize(n);
    edges.forEach(e -> assertThat(e.path("node").path("messages").findValuesAsText("content"))
        .containsExactly(e.path("node").path("title").asText().replace("chat", "question"),
            e.path("node").path("title").asText().replace("chat", "answer")));
    return new TreeMap<>(calls);
  }

  /** The real client, counting its calls by operation name. */
  private DynamoDbClient counting(DynamoDbClient client) {
    return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
          calls.merge(method.getName().replace("Paginator", ""), 1, Integer::sum);
          try {
            return method.invoke(client, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
