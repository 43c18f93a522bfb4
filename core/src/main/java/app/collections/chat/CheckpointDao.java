package app.collections.chat;

import static app.collections.chat.ChatTable.BY_USER;
import static app.collections.chat.ChatTable.EXPIRES_AT;
import static app.collections.chat.ChatTable.LAST_ACTIVE_AT;
import static app.collections.chat.ChatTable.PK;
import static app.collections.chat.ChatTable.SK;
import static app.collections.chat.ChatTable.USER_ID;
import static app.collections.chat.ChatKeys.META;
import static app.collections.chat.ChatKeys.key;
import static app.collections.chat.CheckpointItems.CREATED_AT;
import static app.collections.chat.CheckpointItems.LATEST_CHECKPOINT;
import static app.collections.chat.CheckpointItems.MESSAGE_COUNT;
import static app.collections.chat.CheckpointItems.SESSION_ID;
import static app.collections.chat.CheckpointItems.TITLE;
import static app.collections.chat.CheckpointItems.VERSION;
import static app.collections.chat.CheckpointItems.WRITE_ID;
import static app.collections.chat.CheckpointItems.n;
import static app.collections.chat.CheckpointItems.s;
import static app.collections.chat.CheckpointItems.time;

import app.collections.auth.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The chat agent's conversations in DynamoDB, as checkpoints in the manner of LangGraph: each
 * turn saves the thread's whole state as a new numbered checkpoint. One table (see
 * {@link ChatTable}), a conversation a partition, its keys laid out by {@link ChatKeys} and its
 * items mapped by {@link CheckpointItems}.
 *
 * <h2>Writes without transactions</h2>
 * dynalite has no TransactWriteItems, and a turn does not need one. A turn is a {@link TurnRun}
 * of checkpoints: each step {@link #append}s one, and the last one is a {@link #save}, which also
 * updates META and prunes. A checkpoint write is (1) the parts, if any; (2) the checkpoint item,
 * on condition that its number is free — this alone serialises writers, as two writers after the
 * same checkpoint race for the same key, and the loser gets {@link CheckpointConflictException}.
 * The last save then writes (3) META, on condition that no other turn has ended since the run's
 * base. META is thus once a turn rather than once a step, and a crash leaves complete checkpoints
 * ahead of META: {@link #latest} reads the newest checkpoint item rather than trusting META, so the
 * next turn builds on them and the message is not lost. A crash before (2) leaves only parts that
 * nothing references.
 *
 * <h2>Expiry</h2>
 * Every item gets {@code expiresAt} = last activity + the session TTL; DynamoDB deletes them some
 * time after (dynalite never does). Reads treat an expired item as absent, and writes treat an
 * expired key as free. A save gives META and the new checkpoint the same expiry, so the checkpoint
 * that {@link #latest} needs lives as long as the conversation; older ones keep theirs.
 * Checkpoints beyond the newest {@code keepCheckpoints} are deleted by each turn's last save
 * ({@link CheckpointPruner}).
 *
 * <p>Every method takes the {@link Tenant} first and builds the key from it: no argument can reach
 * another user's conversation.
 */
public final class CheckpointDao {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointDao.class);

  /** Conversations a listing page may ask for. */
  private static final int MAX_LIST_PAGE = 100;
  /** Keys per BatchGetItem: DynamoDB's maximum. */
  private static final int KEYS_PER_BATCH_GET = 100;
  /**
   * Checkpoint items read per Query page (fewer when fewer are wanted: each carries a whole state).
   * Reading newest first, most reads stop at the first.
   */
  private static final int READ_PAGE = 10;

  private final Supplier<DynamoDbClient> dynamo;
  private final String table;
  private final Duration ttl;
  private final Clock clock;
  private final UnprocessedRetry retry = UnprocessedRetry.STANDARD;
  private final PartitionDeletes deletes;
  private final CheckpointPruner pruner;

  /** {@code dynamo}: called at each operation, so that a client built on first use is built by the first turn. */
  public CheckpointDao(Supplier<DynamoDbClient> dynamo, String table, Duration ttl, int keepCheckpoints, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.ttl = ttl;
    this.clock = clock;
    this.deletes = new PartitionDeletes(dynamo, table, retry);
    this.pruner = new CheckpointPruner(deletes, keepCheckpoints);
  }

  /** The conversation, unless it does not exist or has expired. */
  public Optional<ChatSession> findSession(Tenant tenant, String sessionId) {
    return liveMeta(ChatKeys.pk(tenant, sessionId)).map(CheckpointItems::toSession);
  }

  /**
   * The user's conversations, most recently active first. {@code afterCursor} is a previous page's
   * {@link Page#nextCursor()}, or null for the first page.
   */
  public Page<ChatSession> listSessions(Tenant tenant, int limit, String afterCursor) {
    if (limit < 1 || limit > MAX_LIST_PAGE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIST_PAGE);
    }
    Map<String, AttributeValue> start = afterCursor == null ? null : SessionCursor.decode(afterCursor).startKey(tenant);
    List<ChatSession> sessions = new ArrayList<>();
    // The expiry filter runs after Limit, so a page can come back short: read on until it is full.
    do {
      QueryResponse response = dynamo.get().query(QueryRequest.builder()
          .tableName(table)
          .indexName(BY_USER)
          .keyConditionExpression("#user = :user")
          .filterExpression("#expires > :now")
          .expressionAttributeNames(Map.of("#user", USER_ID, "#expires", EXPIRES_AT))
          .expressionAttributeValues(Map.of(":user", s(tenant.id()), ":now", n(nowSeconds())))
          .scanIndexForward(false)
          .limit(limit - sessions.size())
          .exclusiveStartKey(start)
          .build());
      response.items().forEach(item -> sessions.add(CheckpointItems.toSession(item)));
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey() : null;
    } while (sessions.size() < limit && start != null);
    return new Page<>(sessions, start == null ? null : SessionCursor.encode(start));
  }

  /** The cursor of a listing page that ends at {@code session} (for Relay's per-edge cursors). */
  public String cursorOf(Tenant tenant, ChatSession session) {
    return new SessionCursor(session.id(), CheckpointItems.time(session.lastActiveAt())).encode();
  }

  /** The conversation's newest checkpoint; empty for a new, deleted or expired conversation. */
  public Optional<Checkpoint> latest(Tenant tenant, String sessionId) {
    return history(tenant, sessionId, 1).stream().findFirst();
  }

  /**
   * {@link #latest} of many listed sessions (ChatSession.messages over a page): one BatchGetItem
   * for the checkpoint each session's META names and the number after it, instead of a Query per
   * session. A session whose checkpoint is split into parts, is gone or expired, or has a newer
   * one (written ahead of META by a turn that did not finish) is read the usual way.
   */
  public Map<String, Optional<Checkpoint>> latestOf(Tenant tenant, Collection<ChatSession> sessions) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (ChatSession session : sessions) {
      String pk = ChatKeys.pk(tenant, session.id());
      keys.add(key(pk, ChatKeys.checkpoint(session.latestCheckpoint())));
      keys.add(key(pk, ChatKeys.checkpoint(session.latestCheckpoint() + 1)));
    }
    Map<String, Map<String, AttributeValue>> found = getAll(keys);
    long nowSeconds = nowSeconds();
    Map<String, Optional<Checkpoint>> latest = new HashMap<>();
    for (ChatSession session : sessions) {
      String pk = ChatKeys.pk(tenant, session.id());
      Map<String, AttributeValue> item = found.get(pk + "|" + ChatKeys.checkpoint(session.latestCheckpoint()));
      boolean usable = item != null && !CheckpointItems.isSplit(item) && !CheckpointItems.expired(item, nowSeconds)
          && !found.containsKey(pk + "|" + ChatKeys.checkpoint(session.latestCheckpoint() + 1));
      latest.put(session.id(), usable
          ? Optional.of(CheckpointItems.toCheckpoint(item, Map.of()).orElseThrow())
          : latest(tenant, session.id()));
    }
    return latest;
  }

  /** The items of {@code keys} that exist, by {@code pk|sk}, read consistently. */
  private Map<String, Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += KEYS_PER_BATCH_GET) {
      retry.untilProcessed(Map.of(table, KeysAndAttributes.builder()
              .keys(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_BATCH_GET))).consistentRead(true).build()),
          batch -> {
            var response = dynamo.get().batchGetItem(b -> b.requestItems(batch));
            response.responses().getOrDefault(table, List.of())
                .forEach(item -> found.put(item.get(PK).s() + "|" + item.get(SK).s(), item));
            return response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
          },
          batch -> batch.get(table).keys().size(), "reads");
    }
    return found;
  }

  /** Up to {@code limit} checkpoints, newest first. */
  List<Checkpoint> history(Tenant tenant, String sessionId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return newestCheckpoints(ChatKeys.pk(tenant, sessionId), limit);
  }

  /**
   * Saves the thread's state as checkpoint {@code expectedLatest + 1}, a turn of its own: updates
   * the conversation (creating it when {@code expectedLatest} is 0) and prunes.
   *
   * @see #save(Tenant, String, TurnRun, long, String, Map, String, int)
   */
  ChatSession save(Tenant tenant, String sessionId, long expectedLatest, String state,
      Map<String, String> metadata, String title, int messageCount) {
    if (expectedLatest < 0) {
      throw new IllegalArgumentException("expectedLatest must not be negative");
    }
    return save(tenant, sessionId, TurnRun.from(expectedLatest, clock), expectedLatest, state, metadata, title,
        messageCount);
  }

  /**
   * Saves a step of a turn as checkpoint {@code expectedLatest + 1}: one conditional write, META
   * is left to the turn's last {@link #save}.
   *
   * @param expectedLatest the number of the checkpoint this state was built from
   * @param metadata what wrote it and why (e.g. {@code source}, {@code writer}); stored as is
   * @return the new checkpoint's number
   * @throws CheckpointConflictException if another writer saved after {@code expectedLatest}
   */
  public long append(Tenant tenant, String sessionId, TurnRun run, long expectedLatest, String state,
      Map<String, String> metadata) {
    checkStep(run, expectedLatest, state, metadata);
    Instant now = now();
    write(ChatKeys.pk(tenant, sessionId), sessionId, run, expectedLatest + 1, state, metadata, now, expiresAt(now));
    return expectedLatest + 1;
  }

  /**
   * Saves the turn's last state as checkpoint {@code expectedLatest + 1}, then updates the
   * conversation (creating it when the run starts it) with its new activity time, message count
   * and expiry, and deletes the checkpoints that fell out of the kept window.
   *
   * @param title the conversation's title, or null to leave it as it is
   * @throws CheckpointConflictException if another writer saved after {@code expectedLatest}, or
   *     the run turns out to have built on a thread that had moved on (it is then withdrawn)
   */
  public ChatSession save(Tenant tenant, String sessionId, TurnRun run, long expectedLatest, String state,
      Map<String, String> metadata, String title, int messageCount) {
    checkStep(run, expectedLatest, state, metadata);
    if (messageCount < 0) {
      throw new IllegalArgumentException("messageCount must not be negative");
    }
    String pk = ChatKeys.pk(tenant, sessionId);
    Instant now = now();
    long expiresAt = expiresAt(now);
    long number = expectedLatest + 1;
    write(pk, sessionId, run, number, state, metadata, now, expiresAt);
    Future<?> pruning = pruner.start(pk, number);
    try {
      return updateMeta(tenant, sessionId, pk, run, number, now, expiresAt, title, messageCount);
    } finally {
      CheckpointPruner.await(pruning);
    }
  }

  private static void checkStep(TurnRun run, long expectedLatest, String state, Map<String, String> metadata) {
    if (run == null || expectedLatest < run.base()) {
      throw new IllegalArgumentException("a step builds on its run's base or a later checkpoint");
    }
    if (state == null || metadata == null) {
      throw new IllegalArgumentException("a checkpoint needs a state and metadata");
    }
  }

  /** Steps (1) and (2): the checkpoint, on condition that its number is free. */
  private void write(String pk, String sessionId, TurnRun run, long number, String state,
      Map<String, String> metadata, Instant now, long expiresAt) {
    CheckpointItems.Write items = CheckpointItems.toItems(pk, number, run.writeId(), state, metadata, now, expiresAt);
    for (Map<String, AttributeValue> part : items.parts()) {
      dynamo.get().putItem(p -> p.tableName(table).item(part));
    }
    if (!items.parts().isEmpty()) {
      LOG.debug("Checkpoint {} of {} stored in {} parts", number, pk, items.parts().size());
    }
    try {
      dynamo.get().putItem(p -> p.tableName(table).item(items.checkpoint())
          .conditionExpression("attribute_not_exists(#pk) OR #expires <= :now")
          .expressionAttributeNames(Map.of("#pk", PK, "#expires", EXPIRES_AT))
          .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
    } catch (ConditionalCheckFailedException taken) {
      deletes.deleteQuietly(pk, items.partKeys());
      LOG.debug("Checkpoint {} of {} was taken by another writer", number, pk);
      throw new CheckpointConflictException(sessionId, number - 1);
    }
  }

  /**
   * Deletes the conversation and all its checkpoints.
   *
   * @return whether it existed (expired ones count as gone, though their items are deleted too)
   */
  public boolean deleteSession(Tenant tenant, String sessionId) {
    String pk = ChatKeys.pk(tenant, sessionId);
    boolean existed = liveMeta(pk).isPresent();
    // META first: the conversation leaves the listing at once even if the rest fails part way.
    dynamo.get().deleteItem(d -> d.tableName(table).key(key(pk, META)));
    List<String> keys = deletes.allKeys(pk);
    deletes.deleteAll(pk, keys);
    LOG.debug("Deleted {} ({} more items)", pk, keys.size());
    return existed;
  }

  /**
   * Step (3), once a turn. META's condition is that no turn has ended since the run's base: any
   * turn that did either built on ours (it could only have read our checkpoints from us), and the
   * save stands; or, if the run's first checkpoint is older than the kept window, it wrote into
   * slots that pruning had freed: then the thread never saw the run, and we withdraw it.
   */
  private ChatSession updateMeta(Tenant tenant, String sessionId, String pk, TurnRun run, long number,
      Instant now, long expiresAt, String title, int messageCount) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":user", s(tenant.id()), ":session", s(sessionId), ":now", s(time(now)),
        ":count", n(messageCount), ":number", n(number), ":expires", n(expiresAt),
        ":nowSeconds", n(now.getEpochSecond()), ":base", n(run.base()), ":one", n(1)));
    // Names throughout: DynamoDB reserves hundreds of words, and which ones is easy to get wrong.
    Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#user", USER_ID, "#session", SESSION_ID,
        "#active", LAST_ACTIVE_AT, "#count", MESSAGE_COUNT, "#latest", LATEST_CHECKPOINT,
        "#expires", EXPIRES_AT, "#created", CREATED_AT, "#version", VERSION));
    StringBuilder update = new StringBuilder("SET #user = :user, #session = :session, #active = :now, "
        + "#count = :count, #latest = :number, #expires = :expires, #created = ");
    // A run from nothing starts the conversation afresh, also over an expired one with the same id.
    if (run.starts()) {
      update.append(":created");
      values.put(":created", s(time(run.startedAt())));
    } else {
      update.append("if_not_exists(#created, :now)");
    }
    if (title != null) {
      update.append(", #title = :title");
      values.put(":title", s(title));
      names.put("#title", TITLE);
    } else if (run.starts()) {
      update.append(" REMOVE #title");
      names.put("#title", TITLE);
    }
    update.append(" ADD #version :one");
    try {
      return CheckpointItems.toSession(dynamo.get().updateItem(u -> u.tableName(table).key(key(pk, META))
          .updateExpression(update.toString())
          .conditionExpression("attribute_not_exists(#pk) OR #expires <= :nowSeconds OR #latest <= :base")
          .expressionAttributeNames(names)
          .expressionAttributeValues(values)
          .returnValues(ReturnValue.ALL_NEW)).attributes());
    } catch (ConditionalCheckFailedException movedOn) {
      Map<String, AttributeValue> meta = meta(pk).orElseThrow(() -> new CheckpointConflictException(sessionId, number - 1));
      long latest = Long.parseLong(meta.get(LATEST_CHECKPOINT).n());
      if (run.base() + 1 > latest - pruner.keepCheckpoints()) {
        LOG.debug("{} moved on to checkpoint {} from our {}", pk, latest, number);
        return CheckpointItems.toSession(meta);
      }
      LOG.warn("Checkpoints {}..{} of {} landed in pruned slots (latest is {}); withdrawing them",
          run.base() + 1, number, pk, latest);
      withdraw(pk, run, number);
      throw new CheckpointConflictException(sessionId, number - 1);
    }
  }

  /** Removes the run's checkpoint items, each only if it is still the run's, and their parts. */
  private void withdraw(String pk, TurnRun run, long newest) {
    for (long number = run.base() + 1; number <= newest; number++) {
      String sk = ChatKeys.checkpoint(number);
      try {
        dynamo.get().deleteItem(d -> d.tableName(table).key(key(pk, sk))
            .conditionExpression("#writeId = :writeId")
            .expressionAttributeNames(Map.of("#writeId", WRITE_ID))
            .expressionAttributeValues(Map.of(":writeId", s(run.writeId()))));
      } catch (ConditionalCheckFailedException notOurs) {
        // Another writer's (or already gone): not ours to remove.
      }
    }
    deletes.deleteQuietly(pk, deletes.keysBetween(pk, ChatKeys.checkpoint(run.base() + 1), ChatKeys.afterPartsOf(newest))
        .stream().filter(sk -> ChatKeys.isPartWrittenBy(sk, run.writeId())).toList());
  }

  /**
   * Reads checkpoint items newest first, each after its parts (their keys sort after it), and
   * returns the first {@code limit} that are live and whole; none if META says the conversation has
   * expired. META sorts after every checkpoint key, so reading down from it one request brings
   * META and the newest checkpoint.
   */
  private List<Checkpoint> newestCheckpoints(String pk, int limit) {
    long nowSeconds = nowSeconds();
    List<Checkpoint> found = new ArrayList<>();
    Map<String, byte[]> parts = new HashMap<>();
    long partsOf = -1;
    var items = dynamo.get().queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
        .expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(ChatKeys.CHECKPOINTS), ":to", s(META)))
        .scanIndexForward(false).limit(Math.min(READ_PAGE, limit) + 1).build()).items();
    for (Map<String, AttributeValue> item : items) {
      String sk = item.get(SK).s();
      if (META.equals(sk)) {
        if (CheckpointItems.expired(item, nowSeconds)) {
          return List.of();
        }
        continue;
      }
      long number = CheckpointItems.number(item);
      if (ChatKeys.isPart(sk)) {
        if (number != partsOf) {
          parts.clear();
          partsOf = number;
        }
        parts.put(sk, CheckpointItems.partData(item));
        continue;
      }
      if (CheckpointItems.expired(item, nowSeconds)) {
        continue;
      }
      Optional<Checkpoint> checkpoint = CheckpointItems.toCheckpoint(item, number == partsOf ? parts : Map.of());
      if (checkpoint.isEmpty()) {
        LOG.warn("Checkpoint {} of {} is missing parts; reading an older one", number, pk);
        continue;
      }
      found.add(checkpoint.get());
      if (found.size() == limit) {
        break;
      }
    }
    return found;
  }

  private Optional<Map<String, AttributeValue>> meta(String pk) {
    var response = dynamo.get().getItem(g -> g.tableName(table).key(key(pk, META)).consistentRead(true));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
  }

  private Optional<Map<String, AttributeValue>> liveMeta(String pk) {
    return meta(pk).filter(m -> !CheckpointItems.expired(m, nowSeconds()));
  }

  private long expiresAt(Instant now) {
    return now.plus(ttl).getEpochSecond();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private long nowSeconds() {
    return clock.instant().getEpochSecond();
  }
}
