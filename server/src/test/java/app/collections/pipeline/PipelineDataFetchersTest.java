package app.collections.pipeline;

import static app.collections.testing.Fixtures.newItem;
import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.analyses.AnalysisDao;
import app.collections.analyses.AnalysisDataFetchers;
import app.collections.analyses.AnalysisService;
import app.collections.auth.Tenant;
import app.collections.paging.GlobalId;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlLimits;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.items.ItemDataFetchers;
import app.collections.items.ItemService;
import app.collections.items.ItemStatus;
import app.collections.items.NewItem;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.lifecycle.JobDao;
import app.collections.testing.GraphqlTester;
import app.collections.testing.ItemStates;
import app.collections.testing.TestDatabase;
import app.collections.vision.VisionAnalyzers;
import app.collections.vision.VisionConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * analyzeItem and retryItem through the real schema and database: another tenant's item id is
 * NOT_FOUND, nothing is queued for it, and its owner's item is as it was. Each case is shown to
 * work for the owner too, so the NOT_FOUND is the tenancy's and not a broken wiring's.
 */
class PipelineDataFetchersTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final String ANALYZE = "mutation($id: ID!) { analyzeItem(input: {itemId: $id}) { queued item { status } } }";
  private static final String RETRY = "mutation($id: ID!) { retryItem(input: {itemId: $id}) { item { status } } }";
  private static final int MAX_ATTEMPTS = 3;

  private final Tenant alice = new Tenant("alice");
  private final Tenant bob = new Tenant("bob");
  /** The items the lifecycle announced queued work for (the queue event of production). */
  private final List<UUID> announced = new ArrayList<>();
  private ItemDao items;
  private GraphqlTester graphql;

  @BeforeEach
  void setUp() {
    db.truncate();
    items = db.jdbi().onDemand(ItemDao.class);
    ItemLifecycle lifecycle = new ItemLifecycle(db.jdbi(), MAX_ATTEMPTS, (tenant, itemId) -> announced.add(itemId));
    // No keys configured: the default provider is the offline one, which is enough to queue a job.
    AnalysisRequests requests = new AnalysisRequests(items, db.jdbi().onDemand(JobDao.class),
        VisionAnalyzers.create(new VisionConfiguration()), lifecycle);
    GraphqlLimits limits = new GraphqlLimits();
    graphql = new GraphqlTester(new GraphqlEngine(List.of(
        new ItemDataFetchers(new ItemService(items, key -> {}), limits.getMaxPageSize()),
        new AnalysisDataFetchers(new AnalysisService(db.jdbi().onDemand(AnalysisDao.class))),
        new PipelineDataFetchers(requests)), limits));
  }

  @Test
  void anotherUsersItemCannotBeAnalysed() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    ItemStates.force(items, alice, item.id(), ItemStatus.READY, null);
    Item before = items.find(alice, item.id()).orElseThrow();
    Map<String, Object> id = Map.of("id", GlobalId.encode("Item", item.id()));

    assertThat(errorCode(graphql.run(bob, ANALYZE, id))).isEqualTo("NOT_FOUND");
    assertThat(jobsFor(item.id())).as("jobs queued for the item").isZero();
    assertThat(announced).isEmpty();
    assertThat(items.find(alice, item.id())).contains(before);

    JsonNode asAlice = graphql.run(alice, ANALYZE, id);
    assertThat(asAlice.path("data").path("analyzeItem").path("queued").asBoolean()).as(asAlice.toString()).isTrue();
    assertThat(jobsFor(item.id())).isEqualTo(1);
    assertThat(announced).containsExactly(item.id());
  }

  @Test
  void anotherUsersFailedItemCannotBeRetried() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    ItemStates.force(items, alice, item.id(), ItemStatus.FAILED, "the provider said no");
    Item before = items.find(alice, item.id()).orElseThrow();
    Map<String, Object> id = Map.of("id", GlobalId.encode("Item", item.id()));

    assertThat(errorCode(graphql.run(bob, RETRY, id))).isEqualTo("NOT_FOUND");
    assertThat(jobsFor(item.id())).as("jobs queued for the item").isZero();
    assertThat(announced).isEmpty();
    assertThat(items.find(alice, item.id())).contains(before);

    JsonNode asAlice = graphql.run(alice, RETRY, id);
    assertThat(asAlice.path("data").path("retryItem").path("item").path("status").asText()).as(asAlice.toString())
        .isEqualTo("PENDING");
    assertThat(jobsFor(item.id())).isEqualTo(1);
    assertThat(announced).containsExactly(item.id());
  }

  /** Jobs of any tenant for the item: a job queued under the wrong tenant counts too. */
  private static int jobsFor(UUID itemId) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobs WHERE item_id = :itemId")
        .bind("itemId", itemId).mapTo(Integer.class).one());
  }
}
