package app.collections.lifecycle;

import app.collections.testing.ItemStates;
import static app.collections.testing.Fixtures.newItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import app.collections.items.NewItem;
import app.collections.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules of an item's life, read from {@link Transition} and held by the database: each
 * transition moves only from the statuses it names; queueing is the job, PENDING and the queue
 * event in one transaction, the event only after it committed.
 */
class ItemLifecycleTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private final Tenant alice = new Tenant("alice");
  private final Tenant bob = new Tenant("bob");
  private final List<UUID> heard = new ArrayList<>();
  private ItemDao items;
  private JobDao jobs;
  private ItemLifecycle lifecycle;

  @BeforeEach
  void setUp() {
    db.truncate();
    items = db.jdbi().onDemand(ItemDao.class);
    jobs = db.jdbi().onDemand(JobDao.class);
    lifecycle = new ItemLifecycle(db.jdbi(), 3, (tenant, itemId) -> {
      // The listener runs after commit: another connection sees the job already.
      assertThat(db.jdbi().onDemand(JobDao.class).latestForItem(tenant, itemId)).isPresent();
      heard.add(itemId);
    });
  }

  @Test
  void aFailedItemQueuedAgainIsPendingWithItsJobAndTheEventFollows() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    ItemStates.force(items, alice, item.id(), ItemStatus.FAILED, "the provider said no");

    assertThat(lifecycle.queueAnalysis(alice, item.id(), null, "gpt-4o")).isTrue();

    assertThat(items.find(alice, item.id()).orElseThrow().status()).isEqualTo(ItemStatus.PENDING);
    assertThat(items.find(alice, item.id()).orElseThrow().lastError()).isNull();
    assertThat(jobs.latestForItem(alice, item.id()).orElseThrow().model()).isEqualTo("gpt-4o");
    assertThat(heard).containsExactly(item.id());
  }

  @Test
  void aSecondRequestWhileOneIsQueuedChangesNothingAndSaysNothing() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    lifecycle.queueAnalysis(alice, item.id(), null, null);
    ItemStates.force(items, alice, item.id(), ItemStatus.ANALYZING, null);

    assertThat(lifecycle.queueAnalysis(alice, item.id(), null, null)).isFalse();

    assertThat(items.find(alice, item.id()).orElseThrow().status()).isEqualTo(ItemStatus.ANALYZING);
    assertThat(heard).containsExactly(item.id());
  }

  @Test
  void anotherUsersItemIsNotQueued() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    ItemStates.force(items, alice, item.id(), ItemStatus.FAILED, "x");

    assertThat(lifecycle.queueAnalysis(bob, item.id(), null, null)).isFalse();

    assertThat(items.find(alice, item.id()).orElseThrow().status()).isEqualTo(ItemStatus.FAILED);
    assertThat(heard).isEmpty();
  }

  @Test
  void whatTheCallerWritesFirstIsInTheSameTransaction() {
    NewItem item = newItem("a.jpg");
    lifecycle.queueAnalysis(alice, item.id(), null, null, h -> h.attach(ItemDao.class).insert(alice, item));
    assertThat(items.find(alice, item.id())).isPresent();
    assertThat(heard).containsExactly(item.id());

    NewItem refused = newItem("b.jpg");
    assertThatThrownBy(() -> lifecycle.queueAnalysis(alice, refused.id(), null, null, h -> {
      h.attach(ItemDao.class).insert(alice, refused);
      throw new IllegalStateException("the caller's check failed");
    })).hasMessage("the caller's check failed");
    assertThat(items.find(alice, refused.id())).isEmpty();
    assertThat(jobs.latestForItem(alice, refused.id())).isEmpty();
    assertThat(heard).containsExactly(item.id());
  }

  @Test
  void theRulesNameEveryStatusAndReadyAndFailedAreResting() {
    // Every status is reached by some transition, and left by some other.
    for (ItemStatus status : ItemStatus.values()) {
      assertThat(java.util.Arrays.stream(Transition.values()).anyMatch(t -> t.to() == status)).as("to %s", status).isTrue();
      assertThat(java.util.Arrays.stream(Transition.values()).anyMatch(t -> t.from().contains(status)))
          .as("from %s", status).isTrue();
    }
    // The pipeline never leaves READY or FAILED on its own: only a request or an import moves them.
    assertThat(Transition.RESTING).containsExactlyInAnyOrder(ItemStatus.READY, ItemStatus.FAILED);
    for (Transition pipelineOnly : List.of(Transition.ANALYSIS_STARTED, Transition.ANALYSIS_RETRYING,
        Transition.EMBEDDING_RETRYING, Transition.FAILED_FOR_GOOD)) {
      assertThat(pipelineOnly.from()).doesNotContainAnyElementsOf(Transition.RESTING);
    }
    assertThat(Transition.FINDABLE.to()).isEqualTo(ItemStatus.READY);
    assertThat(Transition.FINDABLE.from()).containsExactlyInAnyOrder(ItemStatus.ANALYZING, ItemStatus.FAILED);
  }

  @Test
  void aLateJobCannotMoveAnItemBackwards() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    ItemStates.force(items, alice, item.id(), ItemStatus.READY, null);
    Job late = new Job(UUID.randomUUID(), alice.id(), item.id(), Job.ANALYZE, "RUNNING", null, null, 1, 3, null, null);

    // An analysis that started after the item became READY (a lease that ran out twice, say).
    lifecycle.analysisStarted(alice, item.id());
    lifecycle.retrying(alice, late, "slow", "Attempt 1 failed, retrying: slow", 10);
    lifecycle.failed(alice, late, "gave up");

    assertThat(items.find(alice, item.id()).orElseThrow().status()).isEqualTo(ItemStatus.READY);
    assertThat(items.find(alice, item.id()).orElseThrow().lastError()).isNull();
  }

  @Test
  void derivedImagesFailingNeverChangeTheItem() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    Job derive = new Job(UUID.randomUUID(), alice.id(), item.id(), Job.DERIVE, "RUNNING", null, null, 3, 3, null, null);

    lifecycle.failed(alice, derive, "Derived images cannot be made: not an image");

    assertThat(items.find(alice, item.id()).orElseThrow().status()).isEqualTo(ItemStatus.PENDING);
    assertThat(items.find(alice, item.id()).orElseThrow().lastError()).isNull();
  }
}
