package app.collections.agent;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.web.search.WebSearchEngine;
import dev.langchain4j.web.search.WebSearchInformationResult;
import dev.langchain4j.web.search.WebSearchOrganicResult;
import dev.langchain4j.web.search.WebSearchResults;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tools' registration and argument handling; their searches run in the chat tests. */
class AgentToolsTest {
  static final Tenant alice = new Tenant("alice");

  @Test
  void offersWebSearchOnlyWithAnEngineAndNeverToAgenticSearch() {
    List<String> queries = new ArrayList<>();
    WebSearchEngine engine = request -> {
      queries.add(request.searchTerms());
      return new WebSearchResults(WebSearchInformationResult.from(2L), List.of(
          WebSearchOrganicResult.from("Ichiran Tenjin", URI.create("https://example.com/ichiran"), "Open 24 hours", null),
          WebSearchOrganicResult.from("Ramen guide", URI.create("https://example.com/guide"), "Fukuoka ramen", null)));
    };
    assertThat(new AgentTools(null, null, null, null).all()).extracting(ToolSpecification::name)
        .containsExactly("searchCollection", "getItem");
    AgentTools tools = new AgentTools(null, null, null, engine);
    assertThat(tools.all()).extracting(ToolSpecification::name).containsExactly("searchCollection", "getItem", "webSearch");
    assertThat(tools.collectionOnly()).extracting(ToolSpecification::name).containsExactly("searchCollection", "getItem");

    ToolOutcome outcome = tools.execute(alice, call("webSearch", "{\"query\": \"Ichiran opening hours\"}"));
    assertThat(queries).containsExactly("Ichiran opening hours");
    assertThat(outcome.text()).contains("Ichiran Tenjin", "https://example.com/ichiran", "Open 24 hours");
    assertThat(outcome.summary()).isEqualTo("2 web results");
    assertThat(outcome.itemIds()).isEmpty();
  }

  @Test
  void answersBadCallsWithAnErrorTheModelCanReadInsteadOfFailingTheTurn() {
    AgentTools tools = new AgentTools(null, null, null, null);
    assertThat(tools.execute(alice, call("webSearch", "{\"query\": \"x\"}")).text()).isEqualTo("error: no such tool: webSearch");
    assertThat(tools.execute(alice, call("deleteEverything", "{}")).text()).startsWith("error: no such tool");
    assertThat(tools.execute(alice, call("searchCollection", "not json")).text()).isEqualTo("error: the arguments are not JSON");
    assertThat(tools.execute(alice, call("searchCollection", "{\"query\": \"  \"}")).text()).isEqualTo("error: query is required");
    assertThat(tools.execute(alice, call("getItem", "{\"itemId\": \"../../bob\"}")).text()).isEqualTo("not found");
  }

  @Test
  void findsTheItemIdsAReplyMentions() {
    String a = "5f0c6a1e-1111-4d6e-898a-0e3cc02302ff";
    String b = "d5ebd2cd-f71b-4d6e-898a-0e3cc02302ff";
    assertThat(ChatAgent.mentionedIds("It was [" + b + "], also [" + a + "] and again " + b + "."))
        .extracting(Object::toString).containsExactly(b, a);
    assertThat(ChatAgent.mentionedIds(null)).isEmpty();
  }

  private static ToolExecutionRequest call(String name, String arguments) {
    return ToolExecutionRequest.builder().id("call_1").name(name).arguments(arguments).build();
  }
}
