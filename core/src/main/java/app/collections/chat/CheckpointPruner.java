package app.collections.chat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the checkpoints older than a conversation's newest {@code keepCheckpoints}, once a turn,
 * beside the turn's META update: pruning only deletes checkpoints older than the window, whatever
 * META's update finds, so the two need not wait for each other and the turn pays the slower of them
 * rather than both (a key Query and a BatchWriteItem, 3–6 ms a call against dynalite; see "Chat agent:
 * overhead per turn" in docs/benchmarks.md).
 *
 * <p>The prunes run on at most {@value #PRUNING_THREADS} daemon threads, which end when idle; a save
 * that finds them all busy prunes in its own thread, so a burst of saves neither queues behind
 * others' prunes nor starts a thread each.
 */
final class CheckpointPruner {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointPruner.class);

  /**
   * Prunes running beside META updates at once. A Lambda instance serves one request at a time
   * and needs one; a Dropwizard host has a few turns ending in the same few milliseconds at most
   * (a turn takes seconds of model time for ~10 ms of writes).
   */
  static final int PRUNING_THREADS = 4;
  /** How long an idle pruning thread waits for the next save before it ends. */
  private static final long IDLE_SECONDS = 60;

  private final PartitionDeletes deletes;
  private final int keepCheckpoints;
  private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, PRUNING_THREADS, IDLE_SECONDS,
      TimeUnit.SECONDS, new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("checkpoint-pruner-", 1).factory(),
      new ThreadPoolExecutor.CallerRunsPolicy());

  CheckpointPruner(PartitionDeletes deletes, int keepCheckpoints) {
    if (keepCheckpoints < 1) {
      throw new IllegalArgumentException("keepCheckpoints must be at least 1");
    }
    this.deletes = deletes;
    this.keepCheckpoints = keepCheckpoints;
  }

  int keepCheckpoints() {
    return keepCheckpoints;
  }

  /**
   * Starts pruning {@code pk} down to the window that ends at checkpoint {@code newest}, on a
   * pruning thread, or in this one (already done on return) when all are busy.
   */
  Future<?> start(String pk, long newest) {
    return threads.submit(() -> prune(pk, newest));
  }

  /** The most pruning threads that have run at once. */
  int largestThreadCount() {
    return threads.getLargestPoolSize();
  }

  /** Waits for a {@link #start}ed prune; it reports its own failures. */
  static void await(Future<?> pruning) {
    try {
      pruning.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("Pruning failed", e.getCause());
    }
  }

  /** Deletes the checkpoints before the newest {@code keepCheckpoints}; a failure only costs storage. */
  private void prune(String pk, long newest) {
    long oldestKept = newest - keepCheckpoints + 1;
    if (oldestKept <= 1) {
      return;
    }
    try {
      deletes.deleteAll(pk, deletes.keysBetween(pk, ChatKeys.CHECKPOINTS, ChatKeys.checkpoint(oldestKept)));
    } catch (RuntimeException e) {
      LOG.warn("Could not prune old checkpoints of {}; will try after the next save", pk, e);
    }
  }
}
