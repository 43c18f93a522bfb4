package app.collections.items;

import app.collections.testing.ItemStates;
import static app.collections.testing.Fixtures.analysisOf;
import static app.collections.testing.Fixtures.goldenAnalyses;
import static app.collections.testing.Fixtures.newItem;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.analyses.AnalysisDao;
import app.collections.auth.Tenant;
import app.collections.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ItemDaoTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private final Tenant alice = new Tenant("alice");
  private final Tenant bob = new Tenant("bob");
  private ItemDao items;
  private AnalysisDao analyses;

  @BeforeEach
  void setUp() {
    db.truncate();
    items = db.jdbi().onDemand(ItemDao.class);
    analyses = db.jdbi().onDemand(AnalysisDao.class);
  }

  @Test
  void insertsAndReadsBackAnItem() {
    NewItem created = newItem("a.jpg");
    items.insert(alice, created);

    Item item = items.find(alice, created.id()).orElseThrow();
    assertThat(item.filename()).isEqualTo("a.jpg");
    assertThat(item.originalFilename()).isEqualTo("IMG_a.jpg");
    assertThat(item.byteSize()).isEqualTo(176_231L);
    assertThat(item.width()).isEqualTo(589);
    assertThat(item.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(item.createdAt()).isNotNull();
  }

  @Test
  void anotherTenantCannotReadFindOrCountTheItem() {
    NewItem created = newItem("a.jpg");
    items.insert(alice, created);

    assertThat(items.find(bob, created.id())).isEmpty();
    assertThat(items.findAll(bob, List.of(created.id()))).isEmpty();
    assertThat(items.findAll(alice, List.of(created.id()))).extracting(Item::id).containsExactly(created.id());
    assertThat(items.count(bob, ItemFilter.NONE)).isZero();
    assertThat(items.count(alice, ItemFilter.NONE)).isEqualTo(1);
    assertThat(items.pageForward(bob, ItemFilter.NONE, null, null, 10)).isEmpty();
    assertThat(items.pageBackward(bob, ItemFilter.NONE, null, null, 10)).isEmpty();
  }

  @Test
  void anotherTenantCannotUpdateOrDeleteTheItem() {
    NewItem created = newItem("a.jpg");
    items.insert(alice, created);

    assertThat(items.move(bob, created.id(), new String[] {"PENDING"}, ItemStatus.FAILED, "nope")).isFalse();
    assertThat(items.delete(bob, created.id())).isFalse();

    Item untouched = items.find(alice, created.id()).orElseThrow();
    assertThat(untouched.status()).isEqualTo(ItemStatus.PENDING);
    assertThat(untouched.lastError()).isNull();

    assertThat(items.move(alice, created.id(), new String[] {"PENDING"}, ItemStatus.FAILED, "bad image")).isTrue();
    assertThat(items.find(alice, created.id()).orElseThrow().lastError()).isEqualTo("bad image");
    assertThat(items.delete(alice, created.id())).isTrue();
    assertThat(items.find(alice, created.id())).isEmpty();
  }

  @Test
  void pagesNewestFirstWithKeysetPositionsAndOnlyTheTenantsItems() {
    List<UUID> aliceIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      NewItem item = newItem("alice-" + i + ".jpg");
      items.insert(alice, item);
      aliceIds.add(0, item.id());
      items.insert(bob, newItem("bob-" + i + ".jpg"));
    }
    // Same-transaction inserts share now(); ids then break the tie, so order by (created_at, id).
    List<Item> all = items.pageForward(alice, ItemFilter.NONE, null, null, 10);
    assertThat(all).hasSize(5).allSatisfy(i -> assertThat(i.filename()).startsWith("alice-"));

    List<Item> first = items.pageForward(alice, ItemFilter.NONE, null, null, 2);
    Item last = first.get(1);
    List<Item> next = items.pageForward(alice, ItemFilter.NONE, last.createdAt(), last.id(), 10);
    assertThat(first).containsExactlyElementsOf(all.subList(0, 2));
    assertThat(next).containsExactlyElementsOf(all.subList(2, 5));

    Item fourth = all.get(3);
    List<Item> before = items.pageBackward(alice, ItemFilter.NONE, fourth.createdAt(), fourth.id(), 2);
    // Backward pages come oldest first; the connection layer reverses them.
    assertThat(before).containsExactly(all.get(2), all.get(1));
  }

  @Test
  void filtersByCategoryStatusAndCreationTime() {
    NewItem travel = newItem("travel.jpg");
    NewItem food = newItem("food.jpg");
    items.insert(alice, travel);
    items.insert(alice, food);
    analyses.add(alice, analysisOf(travel.id(), goldenWithCategory("Travel")));
    analyses.add(alice, analysisOf(food.id(), goldenWithCategory("Food")));
    ItemStates.force(items, alice, food.id(), ItemStatus.READY, null);

    assertThat(items.pageForward(alice, ItemFilter.NONE.withCategory("Travel"), null, null, 10))
        .extracting(Item::id).containsExactly(travel.id());
    assertThat(items.count(alice, ItemFilter.NONE.withStatus(ItemStatus.READY))).isEqualTo(1);
    OffsetDateTime future = OffsetDateTime.now().plusDays(1);
    assertThat(items.count(alice, ItemFilter.NONE.withCreated(future, null))).isZero();
    assertThat(items.count(alice, ItemFilter.NONE.withCreated(null, future))).isEqualTo(2);
  }

  @Test
  void categoriesCountOnlyTheTenantsItems() {
    for (String category : List.of("Travel", "Travel", "Food")) {
      NewItem item = newItem(category + ".jpg");
      items.insert(alice, item);
      analyses.add(alice, analysisOf(item.id(), goldenWithCategory(category)));
    }
    NewItem bobs = newItem("bob.jpg");
    items.insert(bob, bobs);
    analyses.add(bob, analysisOf(bobs.id(), goldenWithCategory("Beauty")));

    assertThat(items.categories(alice))
        .containsExactly(new CategoryCount("Travel", 2), new CategoryCount("Food", 1));
    assertThat(items.categories(bob)).containsExactly(new CategoryCount("Beauty", 1));
  }

  @Test
  void deletingAnItemRemovesItsAnalyses() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    analyses.add(alice, analysisOf(item.id(), goldenAnalyses().get(0)));

    items.delete(alice, item.id());

    int left = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM analyses").mapTo(int.class).one());
    assertThat(left).isZero();
  }

  private static com.fasterxml.jackson.databind.JsonNode goldenWithCategory(String category) {
    return goldenAnalyses().stream()
        .filter(g -> g.path("category").asText().equals(category))
        .findFirst()
        .orElseThrow();
  }
}
