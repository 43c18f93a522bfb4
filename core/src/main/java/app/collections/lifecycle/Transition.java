package app.collections.lifecycle;

import static app.collections.items.ItemStatus.ANALYZING;
import static app.collections.items.ItemStatus.FAILED;
import static app.collections.items.ItemStatus.PENDING;
import static app.collections.items.ItemStatus.READY;

import app.collections.items.ItemStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every way an item's status changes, with the statuses it may change from: the rules of an
 * item's life in one table. {@link ItemLifecycle} makes each one, as one transaction with the job
 * it concerns; the SQL refuses a change from any other status (so a late or repeated job cannot
 * move an item backwards). An item is created PENDING with its analysis queued (an upload, an import
 * without analysis) or ANALYZING (an import with one: ItemLifecycle.importedStatus). Its path:
 * PENDING (queued) → ANALYZING (its analysis runs, then is
 * stored and its embedding queued) → READY. READY and FAILED are resting states: the pipeline never
 * leaves them on its own; only a request (analyzeItem, retryItem) or an import's new version does.
 */
public enum Transition {
  /** An analysis is queued: a new upload, analyzeItem, retryItem. From any status. */
  QUEUED(EnumSet.allOf(ItemStatus.class), PENDING),
  /** A worker took the analysis (again, when a lease ran out). */
  ANALYSIS_STARTED(EnumSet.of(PENDING, ANALYZING), ANALYZING),
  /**
   * An analysis is stored and indexed and its embedding queued: by a worker, or given (an import,
   * the eval's golden analyses). Findable by BM25 from now on, not yet by meaning.
   */
  ANALYSIS_STORED(EnumSet.allOf(ItemStatus.class), ANALYZING),
  /** An analysis attempt failed and attempts are left: queued again after a backoff, the reason kept. */
  ANALYSIS_RETRYING(EnumSet.of(PENDING, ANALYZING), PENDING),
  /** An embedding attempt failed and attempts are left: still analysed, still waiting for its vectors. */
  EMBEDDING_RETRYING(EnumSet.of(ANALYZING), ANALYZING),
  /** Attempts are spent, or the failure is not worth retrying (a provider's refusal): the reason kept. */
  FAILED_FOR_GOOD(EnumSet.of(PENDING, ANALYZING), FAILED),
  /**
   * READY requires: the newest analysis stored and indexed, vectors of the configured model stored
   * in the same transaction as this change, and no newer analysis queued or running (its own
   * embedding follows). From ANALYZING, or from FAILED when what failed was the embedding
   * (reindex embeds it later). markFindable.sql spells these out.
   */
  FINDABLE(EnumSet.of(ANALYZING, FAILED), READY);

  private final Set<ItemStatus> from;
  private final ItemStatus to;

  Transition(Set<ItemStatus> from, ItemStatus to) {
    this.from = Set.copyOf(from);
    this.to = to;
  }

  public Set<ItemStatus> from() {
    return from;
  }

  public ItemStatus to() {
    return to;
  }

  /** The statuses the pipeline never leaves on its own. */
  public static final Set<ItemStatus> RESTING = Set.copyOf(EnumSet.of(READY, FAILED));

  /** The {@code from} statuses as the SQL binds them. */
  String[] fromNames() {
    return from.stream().map(Enum::name).sorted().toArray(String[]::new);
  }
}
