package app.collections.pipeline;

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

/** Job, PENDING status and the queue event: one transaction, the event only after it committed. */
class AnalysisQueueTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private final Tenant alice = new Tenant("alice");
  private final Tenant bob = new Tenant("bob");
  private final List<UUID> heard = new ArrayList<>();
  private ItemDao items;
  private JobDao jobs;
  private AnalysisQueue queue;

  @BeforeEach
  void setUp() {
    db.truncate();
    items = db.jdbi().onDemand(ItemDao.class);
    jobs = db.jdbi().onDemand(JobDao.class);
    queue = new AnalysisQueue(db.jdbi(), 3, (tenant, itemId) -> {
      // The listener runs after commit: another connection sees the job already.
      assertThat(db.jdbi().onDemand(JobDao.class).latestForItem(tenant, itemId)).isPresent();
      heard.add(itemId);
    });
  }

  @Test
  void aFailedItemQueuedAgainIsPendingWithItsJobAndTheEventFollows() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    items.updateStatus(alice, item.id(), ItemStatus.FAILED, "the provider said no");

    assertThat(queue.enqueue(alice, item.id(), null, "gpt-4o")).isTrue();

    assertThat(items.find(alice, item.id()).orElseThrow().status()).isEqualTo(ItemStatus.PENDING);
    assertThat(items.find(alice, item.id()).orElseThrow().lastError()).isNull();
    assertThat(jobs.latestForItem(alice, item.id()).orElseThrow().model()).isEqualTo("gpt-4o");
    assertThat(heard).containsExactly(item.id());
  }

  @Test
  void aSecondRequestWhileOneIsQueuedChangesNothingAndSaysNothing() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    queue.enqueue(alice, item.id(), null, null);
    items.updateStatus(alice, item.id(), ItemStatus.ANALYZING, null);

    assertThat(queue.enqueue(alice, item.id(), null, null)).isFalse();

    assertThat(items.find(alice, item.id()).orElseThrow().status()).isEqualTo(ItemStatus.ANALYZING);
    assertThat(heard).containsExactly(item.id());
  }

  @Test
  void anotherUsersItemIsNotQueued() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    items.updateStatus(alice, item.id(), ItemStatus.FAILED, "x");

    assertThat(queue.enqueue(bob, item.id(), null, null)).isFalse();

    assertThat(items.find(alice, item.id()).orElseThrow().status()).isEqualTo(ItemStatus.FAILED);
    assertThat(heard).isEmpty();
  }

  @Test
  void whatTheCallerWritesFirstIsInTheSameTransaction() {
    NewItem item = newItem("a.jpg");
    queue.enqueue(alice, item.id(), null, null, h -> h.attach(ItemDao.class).insert(alice, item));
    assertThat(items.find(alice, item.id())).isPresent();
    assertThat(heard).containsExactly(item.id());

    NewItem refused = newItem("b.jpg");
    assertThatThrownBy(() -> queue.enqueue(alice, refused.id(), null, null, h -> {
      h.attach(ItemDao.class).insert(alice, refused);
      throw new IllegalStateException("the caller's check failed");
    })).hasMessage("the caller's check failed");
    assertThat(items.find(alice, refused.id())).isEmpty();
    assertThat(jobs.latestForItem(alice, refused.id())).isEmpty();
    assertThat(heard).containsExactly(item.id());
  }
}
