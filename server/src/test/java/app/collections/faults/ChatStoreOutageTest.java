package app.collections.faults;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.agent.AgentConfiguration;
import app.collections.auth.Tenant;
import app.collections.chat.ChatTable;
import app.collections.chat.DynamoDbClients;
import app.collections.local.LocalDynamoDb;
import app.collections.testing.ChatStack;
import app.collections.testing.FakeLlm;
import app.collections.testing.GraphqlTester;
import app.collections.testing.LocalDynamoDbExtension;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite stopped in the middle of a chat turn (while the model is thinking): the turn answers a
 * coded error, the user's message is kept, and once dynalite is back the next turn is answered
 * at once rather than refused as CONFLICT until the turn timeout.
 */
class ChatStoreOutageTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  static final String SEND = """
      mutation($session: ID, $message: String!) {
        sendChatMessage(input: {sessionId: $session, message: $message}) { session { id messageCount } reply }
      }""";
  static final String MESSAGES = """
      query($id: ID!) { chatSession(id: $id) { messages { role content } } }""";

  @TempDir Path dataDir;

  @Test
  void aTurnCutOffByTheChatStoreKeepsTheMessageAndTheNextTurnWorksOnceItIsBack() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    LocalDynamoDb dynalite = new LocalDynamoDb(LocalDynamoDbExtension.dynaliteDir(), dataDir, port);
    dynalite.start();
    Tenant alice = new Tenant("alice");
    AtomicBoolean stopDuringNextCall = new AtomicBoolean();
    try (FakeLlm llm = new FakeLlm();
        DynamoDbClient client = DynamoDbClients.local(dynalite.endpoint(), "us-east-1")) {
      ChatTable.createIfMissing(client, LocalDynamoDbExtension.TABLE);
      llm.script(e -> {
        if (stopDuringNextCall.getAndSet(false)) {
          dynalite.stop();
        }
        return FakeLlm.text("You said: " + e.lastUserText());
      });
      ChatStack stack = ChatStack.create(db.jdbi(), client, new AgentConfiguration(), ChatStack.anthropicAt(llm),
          Clock.systemUTC());
      GraphqlTester graphql = stack.graphql;

      JsonNode first = send(graphql, alice, null, "hello");
      String session = first.path("data").path("sendChatMessage").path("session").path("id").asText();
      assertThat(session).isNotEmpty();

      stopDuringNextCall.set(true);
      JsonNode cut = send(graphql, alice, session, "where was that ramen place?");
      assertThat(GraphqlTester.errorCode(cut)).as("%s", cut).isEqualTo("UNAVAILABLE");
      assertThat(cut.path("errors").get(0).path("message").asText()).contains("saved");

      dynalite.start();
      JsonNode messages = graphql.run(alice, MESSAGES, Map.of("id", session)).path("data").path("chatSession")
          .path("messages");
      assertThat(messages.findValuesAsText("content")).contains("where was that ramen place?");

      JsonNode next = send(graphql, alice, session, "and the price?");
      assertThat(next.path("errors").isMissingNode()).as("%s", next).isTrue();
      assertThat(next.path("data").path("sendChatMessage").path("reply").asText()).isEqualTo("You said: and the price?");
      // The model saw the cut-off question too, closed with a note, before the new one.
      assertThat(llm.requests().getLast().turns().toString()).contains("where was that ramen place?");
    } finally {
      dynalite.stop();
    }
  }

  private static JsonNode send(GraphqlTester graphql, Tenant tenant, String session, String message) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("session", session);
    vars.put("message", message);
    return graphql.run(tenant, SEND, vars);
  }
}
