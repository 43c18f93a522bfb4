package app.collections.agent;

import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.json.Json;
import app.collections.testing.ChatStack;
import app.collections.testing.FakeLlm;
import app.collections.testing.Fixtures;
import app.collections.testing.LocalDynamoDbExtension;
import app.collections.testing.MutableClock;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import app.collections.vision.VisionConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code search(mode: AGENTIC)} and {@code search(answer: true)} against a scripted model. */
class AgenticSearchTest {
  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();
  @RegisterExtension @Order(2) static final LocalDynamoDbExtension dynamo = new LocalDynamoDbExtension();

  static final String SEARCH = """
      query($q: String!, $mode: SearchMode, $answer: Boolean, $filter: SearchFilter) {
        search(query: $q, mode: $mode, answer: $answer, filter: $filter) {
          totalCount mode explanation subQueries
          edges { node { rank item { filename } } }
          answer { text confidence latencyMs citedItems { filename } }
        }
      }""";
  static final Tenant alice = new Tenant("alice");
  static final Tenant bob = new Tenant("bob");
  static final FakeLlm llm = new FakeLlm();
  static final List<JsonNode> queries = new ArrayList<>();
  static UUID bobsItem;
  static String bobsFile;
  static ChatStack stack;

  @BeforeAll
  static void collection() throws IOException {
    JsonNode labelled = Json.MAPPER.readTree(Files.readString(Fixtures.sharedDir().resolve("eval/retrieval_queries.json")));
    Set<String> wanted = new LinkedHashSet<>();
    for (JsonNode q : labelled.path("queries")) {
      if (q.path("query_type").asText().equals("single-item-precision") && queries.size() < 5) {
        queries.add(q);
        wanted.add(q.path("expected_items").get(0).path("item_id").asText());
      }
    }
    SearchableItems searchable = new SearchableItems(db.jdbi());
    // The expected items among a dozen others.
    for (JsonNode golden : Fixtures.goldenAnalyses()) {
      String id = golden.path("item_id").asText();
      if (wanted.contains(id) || Fixtures.goldenAnalyses().indexOf(golden) < 12) {
        searchable.add(alice, golden);
      }
    }
    // Bob's item is one alice does not have, so its filename alone gives it away.
    JsonNode bobs = Fixtures.goldenAnalyses().stream().skip(12)
        .filter(g -> !wanted.contains(g.path("item_id").asText())).findFirst().orElseThrow();
    bobsFile = bobs.path("item_id").asText() + ".jpg";
    bobsItem = searchable.add(bob, bobs);
    stack = ChatStack.create(db.jdbi(), dynamo.client(), new AgentConfiguration(), ChatStack.anthropicAt(llm),
        new MutableClock(Instant.now()));
  }

  @AfterAll
  static void stop() {
    llm.close();
  }

  /** Searches with the query as given, then ranks what came back as it came (plus an id it was never shown). */
  static FakeLlm.Reply agentScript(FakeLlm.Exchange e) {
    if (e.toolNames().isEmpty()) {
      return answerScript(e);
    }
    List<String> results = e.toolResultsSinceUser();
    if (results.isEmpty()) {
      return FakeLlm.call(AgentTools.SEARCH_COLLECTION, Map.of("query", e.lastUserText().replace("Search query: ", "")));
    }
    List<String> ids = new ArrayList<>();
    read(results.getFirst()).path("items").forEach(i -> ids.add(i.path("itemId").asText()));
    ids.add(bobsItem.toString());
    ObjectNode verdict = Json.MAPPER.createObjectNode();
    verdict.set("itemIds", Json.MAPPER.valueToTree(ids));
    verdict.put("explanation", "The first search found it.");
    return FakeLlm.text("```json\n" + verdict + "\n```");
  }

  /** Answers from the first item given, citing it (and an item it was not given). */
  static FakeLlm.Reply answerScript(FakeLlm.Exchange e) {
    String message = e.lastUserText();
    JsonNode items = read(message.substring(message.indexOf("Items:\n") + 7));
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("answer", "It is " + items.get(0).path("headline").asText());
    answer.putArray("citedItemIds").add(items.get(0).path("itemId").asText()).add(bobsItem.toString());
    answer.put("confidence", 0.8);
    return FakeLlm.text(answer.toString());
  }

  @Test
  void agenticSearchRanksTheExpectedItemFirstOnTheLabelledSet() {
    llm.script(AgenticSearchTest::agentScript);
    for (JsonNode q : queries) {
      String text = q.path("query_text").asText();
      JsonNode search = search(Map.of("q", text, "mode", "AGENTIC"));
      assertThat(search.path("mode").asText()).isEqualTo("AGENTIC");
      assertThat(search.path("edges").path(0).path("node").path("item").path("filename").asText()).as(text)
          .isEqualTo(q.path("expected_items").get(0).path("item_id").asText() + ".jpg");
      assertThat(search.path("subQueries")).extracting(JsonNode::asText).containsExactly(text);
      assertThat(search.path("explanation").asText()).isEqualTo("The first search found it.");
      assertThat(search.path("answer").isNull()).isTrue();
    }
  }

  @Test
  void agenticHitsAreOnlyTheViewersItemsTheToolsReturnedAndHonourTheFilter() {
    llm.script(AgenticSearchTest::agentScript);
    JsonNode search = search(Map.of("q", "Ichiran ramen headquarters", "mode", "AGENTIC"));
    assertThat(search.path("totalCount").asInt()).isPositive();
    // The script ranks bob's item id too; it was never a tool result, so it is not a hit.
    search.path("edges").forEach(e -> assertThat(e.path("node").path("item").path("filename").asText())
        .isNotEqualTo(bobsFile));

    JsonNode filtered = search(Map.of("q", "Ichiran ramen headquarters", "mode", "AGENTIC",
        "filter", Map.of("category", "No Such Category")));
    assertThat(filtered.path("totalCount").asInt()).isZero();
  }

  @Test
  void answerTrueAddsAnAnswerGroundedInTheHits() {
    llm.script(AgenticSearchTest::agentScript);
    JsonNode search = search(Map.of("q", "Ichiran ramen headquarters", "mode", "HYBRID", "answer", true));
    String first = search.path("edges").path(0).path("node").path("item").path("filename").asText();
    JsonNode answer = search.path("answer");
    assertThat(answer.path("text").asText()).startsWith("It is ").contains("Ichiran");
    assertThat(answer.path("citedItems")).extracting(i -> i.path("filename").asText()).containsExactly(first);
    assertThat(answer.path("confidence").asDouble()).isEqualTo(0.8);
    assertThat(answer.path("latencyMs").asDouble()).isPositive();
    FakeLlm.Exchange request = llm.requests().getLast();
    assertThat(request.toolNames()).isEmpty();
    assertThat(request.lastUserText()).doesNotContain(bobsItem.toString());

    int calls = llm.requests().size();
    JsonNode none = search(Map.of("q", "quantum chromodynamics lecture notes", "mode", "BM25", "answer", true));
    assertThat(none.path("totalCount").asInt()).isZero();
    assertThat(none.path("answer").path("citedItems")).isEmpty();
    assertThat(llm.requests()).hasSize(calls);

    JsonNode without = search(Map.of("q", "Ichiran ramen headquarters"));
    assertThat(without.path("answer").isNull()).isTrue();
    assertThat(llm.requests()).hasSize(calls);
  }

  @Test
  void withoutAModelAgenticAndAnswersSayProviderNotConfiguredAndTheRestWorks() {
    ChatStack none = ChatStack.create(db.jdbi(), dynamo.client(), new AgentConfiguration(), new VisionConfiguration(),
        new MutableClock(Instant.now()));
    assertThat(errorCode(none.graphql.run(alice, SEARCH, vars(Map.of("q", "ramen", "mode", "AGENTIC")))))
        .isEqualTo("PROVIDER_NOT_CONFIGURED");
    assertThat(errorCode(none.graphql.run(alice, SEARCH, vars(Map.of("q", "ramen", "answer", true)))))
        .isEqualTo("PROVIDER_NOT_CONFIGURED");
    JsonNode hybrid = none.graphql.run(alice, SEARCH, vars(Map.of("q", "Ichiran ramen headquarters")));
    assertThat(hybrid.has("errors")).isFalse();
    assertThat(hybrid.path("data").path("search").path("totalCount").asInt()).isPositive();
  }

  private static JsonNode search(Map<String, Object> variables) {
    JsonNode response = stack.graphql.run(alice, SEARCH, vars(variables));
    assertThat(response.has("errors")).as("%s", response).isFalse();
    return response.path("data").path("search");
  }

  private static Map<String, Object> vars(Map<String, Object> variables) {
    return new HashMap<>(variables);
  }

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
