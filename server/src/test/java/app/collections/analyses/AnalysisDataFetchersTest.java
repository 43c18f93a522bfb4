package app.collections.analyses;

import static app.collections.testing.Fixtures.analysisOf;
import static app.collections.testing.Fixtures.goldenAnalyses;
import static app.collections.testing.Fixtures.newItem;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.paging.GlobalId;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.testing.GraphqlTester;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnalysisDataFetchersTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final String ITEM = """
      query($id: ID!) {
        item(id: $id) {
          analysis {
            id version provider model category subcategories headline summary raw createdAt
            imageDetails { extractedText objects themes emotions vibes visualHierarchy likelySource keyInterest }
            mediaMetadata { originalPoster taggedAccounts locationTags audioSource hashtags }
          }
          analyses { version headline }
        }
      }""";

  private final Tenant alice = new Tenant("alice");
  private ItemDao items;
  private AnalysisDao analyses;
  private GraphqlTester graphql;

  @BeforeEach
  void setUp() {
    db.truncate();
    items = db.jdbi().onDemand(ItemDao.class);
    analyses = db.jdbi().onDemand(AnalysisDao.class);
    graphql = GraphqlTester.over(db.jdbi());
  }

  @Test
  void servesEveryGoldenAnalysisFieldAsStored() {
    for (JsonNode golden : goldenAnalyses()) {
      NewItem item = newItem(golden.path("item_id").asText() + ".jpg");
      items.insert(alice, item);
      analyses.add(alice, analysisOf(item.id(), golden));

      JsonNode analysis = graphql.run(alice, ITEM, Map.of("id", GlobalId.encode("Item", item.id())))
          .path("data").path("item").path("analysis");

      assertThat(analysis.path("raw")).isEqualTo(golden);
      assertThat(analysis.path("version").asInt()).isEqualTo(1);
      assertThat(analysis.path("category").asText()).isEqualTo(golden.path("category").asText());
      assertThat(analysis.path("subcategories")).isEqualTo(golden.path("subcategories"));
      assertThat(analysis.path("headline").asText()).isEqualTo(golden.path("headline").asText());
      JsonNode details = golden.path("image_details");
      assertThat(analysis.path("imageDetails").path("extractedText")).isEqualTo(details.path("extracted_text"));
      assertThat(analysis.path("imageDetails").path("objects")).isEqualTo(details.path("objects"));
      assertThat(analysis.path("imageDetails").path("visualHierarchy")).isEqualTo(details.path("visual_hierarchy"));
      assertThat(analysis.path("imageDetails").path("keyInterest").asText()).isEqualTo(details.path("key_interest").asText());
      assertThat(analysis.path("imageDetails").path("likelySource").asText()).isEqualTo(details.path("likely_source").asText());
      JsonNode media = golden.path("media_metadata");
      assertThat(analysis.path("mediaMetadata").path("locationTags")).isEqualTo(media.path("location_tags"));
      assertThat(analysis.path("mediaMetadata").path("hashtags")).isEqualTo(media.path("hashtags"));
      assertThat(analysis.path("mediaMetadata").path("originalPoster").asText(null))
          .isEqualTo(media.path("original_poster").asText(null));
    }
  }

  @Test
  void listsTheHistoryNewestFirstAndFindsAnAnalysisByNode() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    NewAnalysis first = analysisOf(item.id(), goldenAnalyses().get(0));
    analyses.add(alice, first);
    analyses.add(alice, analysisOf(item.id(), goldenAnalyses().get(1)));

    JsonNode result = graphql.run(alice, ITEM, Map.of("id", GlobalId.encode("Item", item.id())));
    assertThat(result.path("data").path("item").path("analysis").path("version").asInt()).isEqualTo(2);
    assertThat(result.path("data").path("item").path("analyses").findValuesAsText("version")).containsExactly("2", "1");

    String analysisId = GlobalId.encode("Analysis", first.id());
    JsonNode node = graphql.run(alice, "query($id: ID!) { node(id: $id) { id ... on Analysis { version } } }",
        Map.of("id", analysisId));
    assertThat(node.path("data").path("node").path("version").asInt()).isEqualTo(1);
    JsonNode asBob = graphql.run(new Tenant("bob"), "query($id: ID!) { node(id: $id) { id } }", Map.of("id", analysisId));
    assertThat(asBob.path("data").path("node").isNull()).isTrue();
  }

  @Test
  void anItemWithoutAnalysisHasNullAnalysisAndEmptyHistory() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    JsonNode result = graphql.run(alice, ITEM, Map.of("id", GlobalId.encode("Item", item.id())));
    assertThat(result.has("errors")).isFalse();
    assertThat(result.path("data").path("item").path("analysis").isNull()).isTrue();
    assertThat(result.path("data").path("item").path("analyses")).isEmpty();
  }

  @Test
  void loadsAPageOfItemsAnalysesInOneQueryEach() {
    for (int i = 0; i < 10; i++) {
      NewItem item = newItem(i + ".jpg");
      items.insert(alice, item);
      analyses.add(alice, analysisOf(item.id(), goldenAnalyses().get(i)));
    }
    long before = db.metrics().timer("sql.AnalysisDao.latestForItems").getCount();
    JsonNode page = graphql.run(alice, "{ items(first: 10) { nodes { analysis { headline } analyses { version } } } }");
    assertThat(page.path("data").path("items").path("nodes")).hasSize(10)
        .allSatisfy(n -> assertThat(n.path("analysis").path("headline").asText()).isNotBlank());
    assertThat(db.metrics().timer("sql.AnalysisDao.latestForItems").getCount() - before).isEqualTo(1);
  }
}
