package app.collections.items;

import static app.collections.testing.Fixtures.analysisOf;
import static app.collections.testing.Fixtures.goldenAnalyses;
import static app.collections.testing.Fixtures.newItem;
import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.analyses.AnalysisDao;
import app.collections.auth.Tenant;
import app.collections.paging.GlobalId;
import app.collections.testing.GraphqlTester;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ItemDataFetchersTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final String PAGE = """
      query($first: Int, $after: String, $last: Int, $before: String, $filter: ItemFilter) {
        items(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
          totalCount
          edges { cursor node { id filename } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }""";

  private final Tenant alice = new Tenant("alice");
  private final Tenant bob = new Tenant("bob");
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
  void pagesForwardThroughEveryItemExactlyOnce() {
    List<String> inserted = insert(alice, 7);
    insert(bob, 3);

    List<String> seen = new ArrayList<>();
    String after = null;
    boolean more = true;
    while (more) {
      Map<String, Object> vars = new java.util.HashMap<>(Map.of("first", 3));
      if (after != null) vars.put("after", after);
      JsonNode page = graphql.run(alice, PAGE, vars).path("data").path("items");
      assertThat(page.path("totalCount").asInt()).isEqualTo(7);
      page.path("edges").forEach(e -> seen.add(e.path("node").path("filename").asText()));
      more = page.path("pageInfo").path("hasNextPage").asBoolean();
      after = page.path("pageInfo").path("endCursor").asText();
    }
    assertThat(seen).containsExactlyElementsOf(inserted.reversed());
  }

  @Test
  void pagesBackwardFromTheEnd() {
    List<String> inserted = insert(alice, 5);
    JsonNode last2 = graphql.run(alice, PAGE, Map.of("last", 2)).path("data").path("items");
    assertThat(filenames(last2)).containsExactly(inserted.get(1), inserted.get(0));
    assertThat(last2.path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();

    JsonNode before = graphql.run(alice, PAGE,
        Map.of("last", 2, "before", last2.path("pageInfo").path("startCursor").asText())).path("data").path("items");
    assertThat(filenames(before)).containsExactly(inserted.get(3), inserted.get(2));
    assertThat(before.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
  }

  @Test
  void filtersByCategoryAndCountsTheFilteredTotal() {
    List<String> ids = new ArrayList<>();
    for (JsonNode golden : List.of(goldenAnalyses().get(0), goldenAnalyses().get(1))) {
      NewItem item = newItem(golden.path("item_id").asText() + ".jpg");
      items.insert(alice, item);
      analyses.add(alice, analysisOf(item.id(), golden));
      ids.add(item.filename());
    }
    String category = goldenAnalyses().get(0).path("category").asText();
    JsonNode page = graphql.run(alice, PAGE, Map.of("filter", Map.of("category", category))).path("data").path("items");
    long expected = goldenAnalyses().subList(0, 2).stream().filter(g -> g.path("category").asText().equals(category)).count();
    assertThat(page.path("totalCount").asInt()).isEqualTo((int) expected);
    assertThat(page.path("edges")).hasSize((int) expected);
  }

  @Test
  void rejectsBadPagingArgumentsWithBadUserInput() {
    insert(alice, 1);
    assertThat(errorCode(graphql.run(alice, PAGE, Map.of("first", 101)))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, PAGE, Map.of("first", -1)))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, PAGE, Map.of("first", 1, "last", 1)))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, PAGE, Map.of("after", "not-a-cursor")))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, PAGE, Map.of("filter", Map.of("status", "LOST"))))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, PAGE, Map.of("filter",
        Map.of("createdAfter", "2026-02-01T00:00:00Z", "createdBefore", "2026-01-01T00:00:00Z"))))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, PAGE, Map.of("filter", Map.of("createdAfter", "yesterday"))))).isEqualTo("BAD_USER_INPUT");
  }

  @Test
  void anotherTenantsItemIsNullAndCannotBeDeleted() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    String id = GlobalId.encode("Item", item.id());

    JsonNode asBob = graphql.run(bob, "query($id: ID!) { item(id: $id) { id } node(id: $id) { id } }", Map.of("id", id));
    assertThat(asBob.path("data").path("item").isNull()).isTrue();
    assertThat(asBob.path("data").path("node").isNull()).isTrue();

    JsonNode bobDeletes = graphql.run(bob, "mutation($id: ID!) { deleteItem(input: {id: $id}) { deletedItemId } }", Map.of("id", id));
    assertThat(errorCode(bobDeletes)).isEqualTo("NOT_FOUND");
    assertThat(items.find(alice, item.id())).isPresent();

    JsonNode asAlice = graphql.run(alice, "query($id: ID!) { item(id: $id) { id filename } node(id: $id) { ... on Item { filename } } }", Map.of("id", id));
    assertThat(asAlice.path("data").path("item").path("filename").asText()).isEqualTo("a.jpg");
    assertThat(asAlice.path("data").path("node").path("filename").asText()).isEqualTo("a.jpg");

    JsonNode aliceDeletes = graphql.run(alice, "mutation($id: ID!) { deleteItem(input: {id: $id}) { deletedItemId } }", Map.of("id", id));
    assertThat(aliceDeletes.path("data").path("deleteItem").path("deletedItemId").asText()).isEqualTo(id);
    assertThat(items.find(alice, item.id())).isEmpty();
  }

  @Test
  void categoriesAreTheViewersOnly() {
    NewItem mine = newItem("mine.jpg");
    items.insert(alice, mine);
    analyses.add(alice, analysisOf(mine.id(), goldenAnalyses().get(0)));
    NewItem theirs = newItem("theirs.jpg");
    items.insert(bob, theirs);
    analyses.add(bob, analysisOf(theirs.id(), goldenAnalyses().get(1)));

    JsonNode categories = graphql.run(alice, "{ categories { name count } }").path("data").path("categories");
    assertThat(categories).hasSize(1);
    assertThat(categories.get(0).path("name").asText()).isEqualTo(goldenAnalyses().get(0).path("category").asText());
    assertThat(categories.get(0).path("count").asInt()).isEqualTo(1);
  }

  @Test
  void anItemIdIsNotAnAnalysisId() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    JsonNode wrongType = graphql.run(alice, "query($id: ID!) { item(id: $id) { id } }",
        Map.of("id", GlobalId.encode("Analysis", item.id())));
    assertThat(errorCode(wrongType)).isEqualTo("BAD_USER_INPUT");
  }

  private List<String> insert(Tenant tenant, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      NewItem item = newItem(tenant.id() + "-" + i + ".jpg");
      items.insert(tenant, item);
      names.add(item.filename());
    }
    return names;
  }

  private static List<String> filenames(JsonNode connection) {
    List<String> names = new ArrayList<>();
    connection.path("edges").forEach(e -> names.add(e.path("node").path("filename").asText()));
    return names;
  }
}
