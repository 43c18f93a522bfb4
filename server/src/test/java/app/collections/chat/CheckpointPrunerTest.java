package app.collections.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.auth.Tenant;
import app.collections.testing.LocalDynamoDbExtension;
import app.collections.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pruning runs beside the META update on a bounded set of threads, and past them in the saver's. */
class CheckpointPrunerTest {
  @RegisterExtension static final LocalDynamoDbExtension dynamo = new LocalDynamoDbExtension();

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
  private final Tenant alice = new Tenant("alice-" + UUID.randomUUID());
  private final PartitionDeletes deletes =
      new PartitionDeletes(dynamo::client, LocalDynamoDbExtension.TABLE, UnprocessedRetry.STANDARD);

  @Test
  void manyPrunesAtOnceAllFinishOnNoMoreThanTheirThreads() throws Exception {
    // Sessions of five checkpoints each, kept whole by a wide window.
    CheckpointDao keepAll = new CheckpointDao(dynamo::client, LocalDynamoDbExtension.TABLE, Duration.ofHours(4), 100,
        clock);
    int sessions = CheckpointPruner.PRUNING_THREADS * 3;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      String id = UUID.randomUUID().toString();
      for (int n = 0; n < 5; n++) {
        keepAll.save(alice, id, n, "{\"turn\":" + n + "}", Map.of(), null, n + 1);
      }
      ids.add(id);
    }

    CheckpointPruner keepTwo = new CheckpointPruner(deletes, 2);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService savers = Executors.newFixedThreadPool(sessions);
    try {
      List<Future<?>> saves = new ArrayList<>();
      for (String id : ids) {
        saves.add(savers.submit(() -> {
          go.await();
          CheckpointPruner.await(keepTwo.start(ChatKeys.pk(alice, id), 5));
          return null;
        }));
      }
      go.countDown();
      for (Future<?> save : saves) {
        save.get();
      }
    } finally {
      savers.shutdownNow();
    }

    assertThat(keepTwo.largestThreadCount()).isBetween(1, CheckpointPruner.PRUNING_THREADS);
    for (String id : ids) {
      assertThat(deletes.allKeys(ChatKeys.pk(alice, id))).as(id)
          .containsExactly(ChatKeys.checkpoint(4), ChatKeys.checkpoint(5), ChatKeys.META);
    }
  }

  @Test
  void aWindowNotYetFullPrunesNothing() throws Exception {
    CheckpointDao keepThree = new CheckpointDao(dynamo::client, LocalDynamoDbExtension.TABLE, Duration.ofHours(4), 3,
        clock);
    String id = UUID.randomUUID().toString();
    for (int n = 0; n < 3; n++) {
      keepThree.save(alice, id, n, "{}", Map.of(), null, n + 1);
    }
    CheckpointPruner.await(new CheckpointPruner(deletes, 3).start(ChatKeys.pk(alice, id), 3));
    assertThat(deletes.allKeys(ChatKeys.pk(alice, id)))
        .containsExactly(ChatKeys.checkpoint(1), ChatKeys.checkpoint(2), ChatKeys.checkpoint(3), ChatKeys.META);
  }

  @Test
  void keepsAtLeastOneCheckpoint() {
    assertThatThrownBy(() -> new CheckpointPruner(deletes, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
