package app.collections.chat;

import static app.collections.chat.ChatTable.BY_USER;
import static app.collections.chat.ChatTable.EXPIRES_AT;
import static app.collections.chat.ChatTable.LAST_ACTIVE_AT;
import static app.collections.chat.ChatTable.PK;
import static app.collections.chat.ChatTable.SK;
import static app.collections.chat.ChatTable.USER_ID;

import app.collections.auth.Tenant;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The chat agent's conversations in DynamoDB, as checkpoints in the manner of LangGraph: each
 * turn saves the thread's whole state as a new numbered checkpoint.
 *
 * <h2>Table</h2>
 * One table (see {@link ChatTable}): {@code pk} S, {@code sk} S, TTL on {@code expiresAt} (epoch
 * seconds), GSI {@code byUser} ({@code userId} S, {@code lastActiveAt} S ISO-8601 with fixed
 * millisecond precision so it sorts as text), projection ALL, on-demand. A conversation is one
 * partition, {@code pk = {userId}#{sessionId}} (the session id is a UUID, so the split is
 * unambiguous whatever the user id holds):
 * <ul>
 *   <li>{@code sk = META}: userId, sessionId, title, createdAt, lastActiveAt, messageCount,
 *       latestCheckpoint, version (counts META writes), expiresAt. Only META carries
 *       {@code userId}, so the GSI lists conversations, not checkpoints.
 *   <li>{@code sk = CP#0000000007}: checkpoint 7: number, the state (JSON text in {@code state} S,
 *       or gzipped in {@code state} B, see {@link StateCodec}), metadata (M of S), createdAt,
 *       writeId, expiresAt.
 *   <li>{@code sk = CP#0000000007#PART#{writeId}#001}: a state too large for one item (DynamoDB's
 *       limit is 400 KB) is cut into parts of {@value #PART_BYTES} bytes; its checkpoint item then
 *       holds {@code parts} and no state. The writeId in the key keeps the parts of two writers
 *       racing for the same number apart.
 * </ul>
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
 * Checkpoints beyond the newest {@code keepCheckpoints} are deleted by each turn's last save.
 *
 * <p>Every method takes the {@link Tenant} first and builds the key from it: no argument can reach
 * another user's conversation.
 */
public final class CheckpointDao {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointDao.class);

  /** The most state bytes kept in one item: well under 400 KB with the other attributes. */
  static final int PART_BYTES = 350_000;
  static final String META = "META";
  private static final String CP = "CP#";
  private static final String PART = "#PART#";
  private static final int BATCH = 25;
  /** Keys per BatchGetItem: DynamoDB's maximum. */
  private static final int BATCH_GET = 100;
  /**
   * Checkpoint items read per Query page (fewer when fewer are wanted: each carries a whole state).
   * Reading newest first, most reads stop at the first.
   */
  private static final int READ_PAGE = 10;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final DynamoDbClient dynamo;
  private final String table;
  private final Duration ttl;
  private final int keepCheckpoints;
  private final Clock clock;

  public CheckpointDao(DynamoDbClient dynamo, String table, Duration ttl, int keepCheckpoints, Clock clock) {
    if (keepCheckpoints < 1) {
      throw new IllegalArgumentException("keepCheckpoints must be at least 1");
    }
    this.dynamo = dynamo;
    this.table = table;
    this.ttl = ttl;
    this.keepCheckpoints = keepCheckpoints;
    this.clock = clock;
  }

  /** The conversation, unless it does not exist or has expired. */
  public Optional<ChatSession> findSession(Tenant tenant, String sessionId) {
    return liveMeta(pk(tenant, sessionId)).map(CheckpointDao::toSession);
  }

  /**
   * The user's conversations, most recently active first. {@code afterCursor} is a previous page's
   * {@link Page#nextCursor()}, or null for the first page.
   */
  public Page<ChatSession> listSessions(Tenant tenant, int limit, String afterCursor) {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit must be 1..100");
    }
    Map<String, AttributeValue> start = afterCursor == null ? null : startKey(tenant, SessionCursor.decode(afterCursor));
    List<ChatSession> sessions = new ArrayList<>();
    // The expiry filter runs after Limit, so a page can come back short: read on until it is full.
    do {
      QueryResponse response = dynamo.query(QueryRequest.builder()
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
      response.items().forEach(item -> sessions.add(toSession(item)));
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey() : null;
    } while (sessions.size() < limit && start != null);
    return new Page<>(sessions, start == null ? null : cursorAt(start));
  }

  /** The listing index's key a cursor names; the user is the tenant's, never the cursor's. */
  private static Map<String, AttributeValue> startKey(Tenant tenant, SessionCursor cursor) {
    return Map.of(USER_ID, s(tenant.id()), LAST_ACTIVE_AT, s(cursor.lastActiveAt()),
        PK, s(pk(tenant, cursor.sessionId())), SK, s(META));
  }

  private static String cursorAt(Map<String, AttributeValue> lastEvaluatedKey) {
    String pk = lastEvaluatedKey.get(PK).s();
    return new SessionCursor(pk.substring(pk.length() - 36), lastEvaluatedKey.get(LAST_ACTIVE_AT).s()).encode();
  }

  /** The cursor of a listing page that ends at {@code session} (for Relay's per-edge cursors). */
  public String cursorOf(Tenant tenant, ChatSession session) {
    return new SessionCursor(session.id(), TIME.format(session.lastActiveAt())).encode();
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
  public Map<String, Optional<Checkpoint>> latestOf(Tenant tenant, java.util.Collection<ChatSession> sessions) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (ChatSession session : sessions) {
      String pk = pk(tenant, session.id());
      keys.add(key(pk, checkpointKey(session.latestCheckpoint())));
      keys.add(key(pk, checkpointKey(session.latestCheckpoint() + 1)));
    }
    for (int from = 0; from < keys.size(); from += BATCH_GET) {
      Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
          .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET))).consistentRead(true).build());
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt == 8) {
          throw new IllegalStateException("DynamoDB kept " + pending.get(table).keys().size() + " reads unprocessed");
        }
        if (attempt > 0) {
          sleep(25L << attempt);
        }
        Map<String, KeysAndAttributes> batch = pending;
        var response = dynamo.batchGetItem(b -> b.requestItems(batch));
        response.responses().getOrDefault(table, List.of())
            .forEach(item -> found.put(item.get(PK).s() + "|" + item.get(SK).s(), item));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    long nowSeconds = nowSeconds();
    Map<String, Optional<Checkpoint>> latest = new HashMap<>();
    for (ChatSession session : sessions) {
      String pk = pk(tenant, session.id());
      Map<String, AttributeValue> item = found.get(pk + "|" + checkpointKey(session.latestCheckpoint()));
      boolean usable = item != null && !item.containsKey("parts")
          && Long.parseLong(item.get(EXPIRES_AT).n()) > nowSeconds
          && !found.containsKey(pk + "|" + checkpointKey(session.latestCheckpoint() + 1));
      latest.put(session.id(), usable
          ? Optional.of(new Checkpoint(session.latestCheckpoint(), state(item, Map.of()).orElseThrow(),
              strings(item.get("metadata").m()), Instant.parse(item.get("createdAt").s())))
          : latest(tenant, session.id()));
    }
    return latest;
  }

  /** Up to {@code limit} checkpoints, newest first. */
  public List<Checkpoint> history(Tenant tenant, String sessionId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return newestCheckpoints(pk(tenant, sessionId), limit);
  }

  /**
   * Saves the thread's state as checkpoint {@code expectedLatest + 1}, a turn of its own: updates
   * the conversation (creating it when {@code expectedLatest} is 0) and prunes.
   *
   * @see #save(Tenant, String, TurnRun, long, String, Map, String, int)
   */
  public ChatSession save(Tenant tenant, String sessionId, long expectedLatest, String state,
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
    write(pk(tenant, sessionId), sessionId, run, expectedLatest + 1, state, metadata, now, expiresAt(now));
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
    String pk = pk(tenant, sessionId);
    Instant now = now();
    long expiresAt = expiresAt(now);
    long number = expectedLatest + 1;
    write(pk, sessionId, run, number, state, metadata, now, expiresAt);
    // Pruning only deletes checkpoints older than the window, whatever META's update finds: the two
    // need not wait for each other, and the turn pays the slower of them rather than both.
    Thread pruning = Thread.ofVirtual().name("prune-" + sessionId).start(() -> prune(pk, number));
    try {
      return updateMeta(tenant, sessionId, pk, run, number, now, expiresAt, title, messageCount);
    } finally {
      awaitQuietly(pruning);
    }
  }

  private static void awaitQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
    StateCodec.Encoded encoded = StateCodec.encode(state);
    Map<String, AttributeValue> item = new HashMap<>(Map.of(
        PK, s(pk), SK, s(checkpointKey(number)), "number", n(number), "enc", s(encoded.encoding()),
        "metadata", AttributeValue.fromM(metadata.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))),
        "createdAt", s(TIME.format(now)), "writeId", s(run.writeId()), EXPIRES_AT, n(expiresAt)));
    List<String> partKeys = List.of();
    if (encoded.bytes().length > PART_BYTES) {
      partKeys = writeParts(pk, number, run.writeId(), encoded.bytes(), expiresAt);
      item.put("parts", n(partKeys.size()));
    } else if (StateCodec.JSON.equals(encoded.encoding())) {
      item.put("state", s(state));
    } else {
      item.put("state", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(encoded.bytes())));
    }
    try {
      dynamo.putItem(p -> p.tableName(table).item(item)
          .conditionExpression("attribute_not_exists(#pk) OR #expires <= :now")
          .expressionAttributeNames(Map.of("#pk", PK, "#expires", EXPIRES_AT))
          .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
    } catch (ConditionalCheckFailedException taken) {
      deleteQuietly(pk, partKeys);
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
    String pk = pk(tenant, sessionId);
    boolean existed = liveMeta(pk).isPresent();
    // META first: the conversation leaves the listing at once even if the rest fails part way.
    dynamo.deleteItem(d -> d.tableName(table).key(key(pk, META)));
    List<String> keys = new ArrayList<>();
    dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
            .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
            .expressionAttributeValues(Map.of(":pk", s(pk))).projectionExpression("#pk, #sk").build())
        .items().forEach(i -> keys.add(i.get(SK).s()));
    deleteAll(pk, keys);
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
        ":user", s(tenant.id()), ":session", s(sessionId), ":now", s(TIME.format(now)),
        ":count", n(messageCount), ":number", n(number), ":expires", n(expiresAt),
        ":nowSeconds", n(now.getEpochSecond()), ":base", n(run.base()), ":one", n(1)));
    // Names throughout: DynamoDB reserves hundreds of words, and which ones is easy to get wrong.
    Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#user", USER_ID, "#session", "sessionId",
        "#active", LAST_ACTIVE_AT, "#count", "messageCount", "#latest", "latestCheckpoint",
        "#expires", EXPIRES_AT, "#created", "createdAt", "#version", "version"));
    StringBuilder update = new StringBuilder("SET #user = :user, #session = :session, #active = :now, "
        + "#count = :count, #latest = :number, #expires = :expires, #created = ");
    // A run from nothing starts the conversation afresh, also over an expired one with the same id.
    if (run.starts()) {
      update.append(":created");
      values.put(":created", s(TIME.format(run.startedAt())));
    } else {
      update.append("if_not_exists(#created, :now)");
    }
    if (title != null) {
      update.append(", #title = :title");
      values.put(":title", s(title));
      names.put("#title", "title");
    } else if (run.starts()) {
      update.append(" REMOVE #title");
      names.put("#title", "title");
    }
    update.append(" ADD #version :one");
    try {
      return toSession(dynamo.updateItem(u -> u.tableName(table).key(key(pk, META))
          .updateExpression(update.toString())
          .conditionExpression("attribute_not_exists(#pk) OR #expires <= :nowSeconds OR #latest <= :base")
          .expressionAttributeNames(names)
          .expressionAttributeValues(values)
          .returnValues(ReturnValue.ALL_NEW)).attributes());
    } catch (ConditionalCheckFailedException movedOn) {
      Map<String, AttributeValue> meta = meta(pk).orElseThrow(() -> new CheckpointConflictException(sessionId, number - 1));
      long latest = Long.parseLong(meta.get("latestCheckpoint").n());
      if (run.base() + 1 > latest - keepCheckpoints) {
        LOG.debug("{} moved on to checkpoint {} from our {}", pk, latest, number);
        return toSession(meta);
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
      String sk = checkpointKey(number);
      try {
        dynamo.deleteItem(d -> d.tableName(table).key(key(pk, sk))
            .conditionExpression("#writeId = :writeId")
            .expressionAttributeNames(Map.of("#writeId", "writeId"))
            .expressionAttributeValues(Map.of(":writeId", s(run.writeId()))));
      } catch (ConditionalCheckFailedException notOurs) {
        // Another writer's (or already gone): not ours to remove.
      }
    }
    String ours = PART + run.writeId() + "#";
    deleteQuietly(pk, queryKeys(pk, checkpointKey(run.base() + 1), checkpointKey(newest) + "~").stream()
        .filter(sk -> sk.contains(ours)).toList());
  }

  private List<String> writeParts(String pk, long number, String writeId, byte[] bytes, long expiresAt) {
    List<String> keys = new ArrayList<>();
    for (int offset = 0, index = 1; offset < bytes.length; offset += PART_BYTES, index++) {
      String sk = checkpointKey(number) + PART + writeId + "#" + String.format(Locale.ROOT, "%03d", index);
      byte[] chunk = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + PART_BYTES));
      dynamo.putItem(p -> p.tableName(table).item(Map.of(PK, s(pk), SK, s(sk), "number", n(number),
          "writeId", s(writeId), "data", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(chunk)),
          EXPIRES_AT, n(expiresAt))));
      keys.add(sk);
    }
    LOG.debug("Checkpoint {} of {} stored in {} parts ({} bytes)", number, pk, keys.size(), bytes.length);
    return keys;
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
    var items = dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
        .expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(CP), ":to", s(META)))
        .scanIndexForward(false).limit(Math.min(READ_PAGE, limit) + 1).build()).items();
    for (Map<String, AttributeValue> item : items) {
      if (META.equals(item.get(SK).s())) {
        if (expired(item)) {
          return List.of();
        }
        continue;
      }
      long number = Long.parseLong(item.get("number").n());
      if (item.get(SK).s().contains(PART)) {
        if (number != partsOf) {
          parts.clear();
          partsOf = number;
        }
        parts.put(item.get(SK).s(), item.get("data").b().asByteArray());
        continue;
      }
      if (Long.parseLong(item.get(EXPIRES_AT).n()) <= nowSeconds) {
        continue;
      }
      Optional<String> state = state(item, number == partsOf ? parts : Map.of());
      if (state.isEmpty()) {
        LOG.warn("Checkpoint {} of {} is missing parts; reading an older one", number, pk);
        continue;
      }
      found.add(new Checkpoint(number, state.get(), strings(item.get("metadata").m()),
          Instant.parse(item.get("createdAt").s())));
      if (found.size() == limit) {
        break;
      }
    }
    return found;
  }

  private static Optional<String> state(Map<String, AttributeValue> item, Map<String, byte[]> parts) {
    String encoding = item.get("enc").s();
    if (!item.containsKey("parts")) {
      AttributeValue state = item.get("state");
      return Optional.of(state.s() != null ? state.s() : StateCodec.decode(encoding, state.b().asByteArray()));
    }
    int count = Integer.parseInt(item.get("parts").n());
    String prefix = item.get(SK).s() + PART + item.get("writeId").s() + "#";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(count * PART_BYTES);
    for (int index = 1; index <= count; index++) {
      byte[] part = parts.get(prefix + String.format(Locale.ROOT, "%03d", index));
      if (part == null) {
        return Optional.empty();
      }
      bytes.writeBytes(part);
    }
    return Optional.of(StateCodec.decode(encoding, bytes.toByteArray()));
  }

  /** Deletes the checkpoints before the newest {@code keepCheckpoints}; a failure only costs storage. */
  private void prune(String pk, long newest) {
    long oldestKept = newest - keepCheckpoints + 1;
    if (oldestKept <= 1) {
      return;
    }
    try {
      List<String> old = queryKeys(pk, CP, checkpointKey(oldestKept));
      deleteAll(pk, old);
    } catch (RuntimeException e) {
      LOG.warn("Could not prune old checkpoints of {}; will try after the next save", pk, e);
    }
  }

  /** Sort keys in [from, to). */
  private List<String> queryKeys(String pk, String from, String to) {
    List<String> keys = new ArrayList<>();
    dynamo.queryPaginator(QueryRequest.builder().tableName(table)
            .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
            .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
            .expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(from), ":to", s(to)))
            .projectionExpression("#pk, #sk").build())
        .items().forEach(i -> {
          if (!i.get(SK).s().equals(to)) {
            keys.add(i.get(SK).s());
          }
        });
    return keys;
  }

  private void deleteQuietly(String pk, List<String> sortKeys) {
    try {
      deleteAll(pk, sortKeys);
    } catch (RuntimeException e) {
      LOG.warn("Could not delete {} unused items of {}; they expire with the session", sortKeys.size(), pk, e);
    }
  }

  /** BatchWriteItem in chunks of 25, resubmitting what DynamoDB leaves unprocessed under load. */
  private void deleteAll(String pk, List<String> sortKeys) {
    for (int from = 0; from < sortKeys.size(); from += BATCH) {
      List<WriteRequest> requests = sortKeys.subList(from, Math.min(sortKeys.size(), from + BATCH)).stream()
          .map(sk -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key(pk, sk)).build()).build())
          .toList();
      Map<String, List<WriteRequest>> pending = Map.of(table, requests);
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt == 8) {
          throw new IllegalStateException("DynamoDB kept " + pending.get(table).size() + " deletes of " + pk + " unprocessed");
        }
        if (attempt > 0) {
          sleep(25L << attempt);
        }
        Map<String, List<WriteRequest>> batch = pending;
        var response = dynamo.batchWriteItem(b -> b.requestItems(batch));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      }
    }
  }

  private Optional<Map<String, AttributeValue>> meta(String pk) {
    var response = dynamo.getItem(g -> g.tableName(table).key(key(pk, META)).consistentRead(true));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
  }

  private Optional<Map<String, AttributeValue>> liveMeta(String pk) {
    return meta(pk).filter(m -> !expired(m));
  }

  private boolean expired(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get(EXPIRES_AT).n()) <= nowSeconds();
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

  private static ChatSession toSession(Map<String, AttributeValue> meta) {
    AttributeValue title = meta.get("title");
    return new ChatSession(meta.get("sessionId").s(), title == null ? null : title.s(),
        Instant.parse(meta.get("createdAt").s()), Instant.parse(meta.get(LAST_ACTIVE_AT).s()),
        Integer.parseInt(meta.get("messageCount").n()), Long.parseLong(meta.get("latestCheckpoint").n()));
  }

  static String pk(Tenant tenant, String sessionId) {
    return tenant.id() + "#" + requireSessionId(sessionId);
  }

  /** Session ids are canonical UUIDs: they cannot smuggle a '#' into the key. */
  static String requireSessionId(String sessionId) {
    if (sessionId == null || sessionId.length() != 36
        || !UUID.fromString(sessionId).toString().equals(sessionId)) {
      throw new IllegalArgumentException("a session id is a lower-case UUID");
    }
    return sessionId;
  }

  static String checkpointKey(long number) {
    return CP + String.format(Locale.ROOT, "%010d", number);
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, s(pk), SK, s(sk));
  }

  private static Map<String, String> strings(Map<String, AttributeValue> map) {
    return map.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
