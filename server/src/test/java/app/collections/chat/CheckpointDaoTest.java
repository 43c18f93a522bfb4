package app.collections.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.auth.Tenant;
import app.collections.errors.DomainException;
import app.collections.json.Json;
import app.collections.testing.LocalDynamoDbExtension;
import app.collections.testing.MutableClock;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CheckpointDaoTest {
  @RegisterExtension static final LocalDynamoDbExtension dynamo = new LocalDynamoDbExtension();

  private static final Duration TTL = Duration.ofHours(4);

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
  // Each test has its own users, so tests share one dynalite without seeing each other's data.
  private final Tenant alice = new Tenant("alice-" + UUID.randomUUID());
  private final Tenant bob = new Tenant("bob-" + UUID.randomUUID());
  private CheckpointDao dao;

  @BeforeEach
  void setUp() {
    dao = dao(20);
  }

  @Test
  void savesAndReadsBackTheLatestCheckpointAndTheHistory() throws Exception {
    String session = newSessionId();
    assertThat(dao.latest(alice, session)).isEmpty();

    dao.save(alice, session, 0, state("hi"), Map.of("source", "input"), "Trip to Lisbon", 1);
    clock.advance(Duration.ofSeconds(5));
    dao.save(alice, session, 1, state("hi", "hello!"), Map.of("source", "loop", "writer", "agent"), null, 2);
    clock.advance(Duration.ofSeconds(5));
    ChatSession saved = dao.save(alice, session, 2, state("hi", "hello!", "food?"), Map.of("source", "input"), null, 3);

    assertThat(saved.latestCheckpoint()).isEqualTo(3);
    Checkpoint latest = dao.latest(alice, session).orElseThrow();
    assertThat(latest.number()).isEqualTo(3);
    assertThat(messages(latest)).containsExactly("hi", "hello!", "food?");
    assertThat(latest.metadata()).isEqualTo(Map.of("source", "input"));
    assertThat(latest.createdAt()).isEqualTo(clock.instant());

    List<Checkpoint> history = dao.history(alice, session, 10);
    assertThat(history).extracting(Checkpoint::number).containsExactly(3L, 2L, 1L);
    assertThat(history.get(1).metadata()).isEqualTo(Map.of("source", "loop", "writer", "agent"));
    assertThat(messages(history.get(2))).containsExactly("hi");
    assertThat(dao.history(alice, session, 2)).extracting(Checkpoint::number).containsExactly(3L, 2L);
  }

  @Test
  void aNewSessionIsListedWithItsTitleTimesAndMessageCount() throws Exception {
    String session = newSessionId();
    Instant created = clock.instant();
    dao.save(alice, session, 0, state("hi"), Map.of(), "Ramen places", 1);
    clock.advance(Duration.ofMinutes(3));
    dao.save(alice, session, 1, state("hi", "here are three"), Map.of(), null, 2);

    ChatSession expected = new ChatSession(session, "Ramen places", created, clock.instant(), 2, 2);
    assertThat(dao.findSession(alice, session)).contains(expected);
    Page<ChatSession> page = dao.listSessions(alice, 10, null);
    assertThat(page.items()).containsExactly(expected);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void listsSessionsNewestActivityFirstAcrossPages() throws Exception {
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String session = newSessionId();
      dao.save(alice, session, 0, state("m" + i), Map.of(), "chat " + i, 1);
      sessions.add(0, session);
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(allPages(alice, 2)).isEqualTo(sessions);

    // Activity moves a session to the top.
    String oldest = sessions.remove(sessions.size() - 1);
    dao.save(alice, oldest, 1, state("m0", "again"), Map.of(), null, 2);
    sessions.add(0, oldest);
    assertThat(allPages(alice, 2)).isEqualTo(sessions);
    assertThat(allPages(alice, 5)).isEqualTo(sessions);
    assertThat(dao.listSessions(alice, 3, null).items()).hasSize(3);

    // Refused as the client's mistake (BAD_USER_INPUT once mapped), not as our bug.
    assertThatThrownBy(() -> dao.listSessions(alice, 2, "not a cursor"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT));
  }

  @Test
  void concurrentSavesFromTheSameCheckpointLetExactlyOneWin() throws Exception {
    String session = newSessionId();
    dao.save(alice, session, 0, state("start"), Map.of(), null, 1);

    int writers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Boolean>> saves = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String message = "writer " + i;
      saves.add(() -> {
        go.await();
        try {
          dao.save(alice, session, 1, state("start", message), Map.of(), null, 2);
          return true;
        } catch (CheckpointConflictException e) {
          assertThat(e.expectedLatest()).isEqualTo(1);
          return false;
        }
      });
    }
    List<Boolean> outcomes = runTogether(saves, go);
    assertThat(outcomes).containsOnlyOnce(true).hasSize(writers);

    Checkpoint winner = dao.latest(alice, session).orElseThrow();
    assertThat(winner.number()).isEqualTo(2);
    assertThat(dao.findSession(alice, session).orElseThrow().latestCheckpoint()).isEqualTo(2);
    assertThat(messages(winner)).hasSize(2).startsWith("start");
  }

  @Test
  void writersThatReloadAndRetryOnConflictLoseNoMessage() throws Exception {
    String session = newSessionId();
    dao.save(alice, session, 0, state(), Map.of(), null, 0);

    int writers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Integer>> appends = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String message = "message from writer " + i;
      appends.add(() -> {
        go.await();
        for (int conflicts = 0; ; conflicts++) {
          Checkpoint latest = dao.latest(alice, session).orElseThrow();
          List<String> messages = new ArrayList<>(messages(latest));
          messages.add(message);
          try {
            dao.save(alice, session, latest.number(), Json.MAPPER.writeValueAsString(messages), Map.of(), null, messages.size());
            return conflicts;
          } catch (CheckpointConflictException anotherWriterWasFirst) {
            // Reload and apply the message again, as the agent will.
          }
        }
      });
    }
    List<Integer> conflicts = runTogether(appends, go);

    Checkpoint last = dao.latest(alice, session).orElseThrow();
    assertThat(last.number()).isEqualTo(1 + writers);
    assertThat(messages(last)).hasSize(writers)
        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, writers)
            .mapToObj(i -> "message from writer " + i).toList());
    assertThat(dao.findSession(alice, session).orElseThrow().messageCount()).isEqualTo(writers);
    assertThat(conflicts.stream().mapToInt(Integer::intValue).sum()).as("the writers did collide").isPositive();
  }

  @Test
  void aCheckpointWrittenWithoutItsMetaUpdateIsStillTheLatest() throws Exception {
    // A writer that died between its checkpoint and META: the checkpoint is one ahead of META.
    String session = newSessionId();
    dao.save(alice, session, 0, state("hi"), Map.of(), null, 1);
    String pk = ChatKeys.pk(alice, session);
    long expires = clock.instant().plus(TTL).getEpochSecond();
    dynamo.client().putItem(p -> p.tableName(LocalDynamoDbExtension.TABLE).item(Map.of(
        "pk", s(pk), "sk", s(ChatKeys.checkpoint(2)), "number", n(2), "enc", s("json"),
        "state", s(state("hi", "orphaned reply")), "metadata", AttributeValue.fromM(Map.of()),
        "createdAt", s("2025-06-01T10:00:00.000Z"), "writeId", s("deadbeef"), "expiresAt", n(expires))));
    assertThat(dao.findSession(alice, session).orElseThrow().latestCheckpoint()).isEqualTo(1);

    Checkpoint latest = dao.latest(alice, session).orElseThrow();
    assertThat(latest.number()).isEqualTo(2);
    assertThat(messages(latest)).containsExactly("hi", "orphaned reply");

    ChatSession saved = dao.save(alice, session, 2, state("hi", "orphaned reply", "next"), Map.of(), null, 3);
    assertThat(saved.latestCheckpoint()).isEqualTo(3);
    assertThat(messages(dao.latest(alice, session).orElseThrow())).containsExactly("hi", "orphaned reply", "next");
    assertThatThrownBy(() -> dao.save(alice, session, 1, state("stale"), Map.of(), null, 1))
        .isInstanceOf(CheckpointConflictException.class);
  }

  @Test
  void aSessionExpiresItsTtlAfterItsLastActivity() throws Exception {
    String session = newSessionId();
    dao.save(alice, session, 0, state("hi"), Map.of(), "short-lived", 1);

    clock.advance(Duration.ofHours(3));
    dao.save(alice, session, 1, state("hi", "still here"), Map.of(), null, 2);
    clock.advance(Duration.ofHours(3));
    // Six hours after it started, three after its last activity: alive.
    assertThat(dao.findSession(alice, session)).isPresent();
    assertThat(dao.latest(alice, session)).isPresent();
    assertThat(dao.listSessions(alice, 10, null).items()).hasSize(1);

    clock.advance(Duration.ofHours(1));
    assertThat(dao.findSession(alice, session)).isEmpty();
    assertThat(dao.latest(alice, session)).isEmpty();
    assertThat(dao.history(alice, session, 10)).isEmpty();
    assertThat(dao.listSessions(alice, 10, null).items()).isEmpty();
    // Its items are still stored (dynalite has no TTL; DynamoDB deletes them within days).
    assertThat(rawItems(alice, session)).isNotEmpty();

    // The same id starts over: the expired items count as absent.
    ChatSession fresh = dao.save(alice, session, 0, state("new start"), Map.of(), null, 1);
    assertThat(fresh).isEqualTo(new ChatSession(session, null, clock.instant(), clock.instant(), 1, 1));
    assertThat(dao.history(alice, session, 10)).extracting(this::messages).containsExactly(List.of("new start"));
    assertThat(dao.save(alice, session, 1, state("new start", "and on"), Map.of(), null, 2).latestCheckpoint()).isEqualTo(2);
    assertThat(messages(dao.latest(alice, session).orElseThrow())).containsExactly("new start", "and on");
  }

  @Test
  void keepsOnlyTheNewestCheckpoints() throws Exception {
    CheckpointDao keepThree = dao(3);
    String session = newSessionId();
    for (int n = 0; n < 10; n++) {
      keepThree.save(alice, session, n, state("turn " + n), Map.of(), null, n + 1);
    }
    assertThat(keepThree.history(alice, session, 10)).extracting(Checkpoint::number).containsExactly(10L, 9L, 8L);
    assertThat(rawItems(alice, session)).extracting(i -> i.get("sk").s())
        .containsExactly(ChatKeys.checkpoint(8), ChatKeys.checkpoint(9), ChatKeys.checkpoint(10), "META");
  }

  @Test
  void aStaleWriterCannotRefillAPrunedCheckpoint() throws Exception {
    CheckpointDao keepThree = dao(3);
    String session = newSessionId();
    for (int n = 0; n < 10; n++) {
      keepThree.save(alice, session, n, state("turn " + n), Map.of(), null, n + 1);
    }
    // Checkpoint 3's key is free again after pruning, but the thread has moved far past it.
    assertThatThrownBy(() -> keepThree.save(alice, session, 2, state("from long ago"), Map.of(), null, 3))
        .isInstanceOf(CheckpointConflictException.class);
    assertThat(rawItems(alice, session)).extracting(i -> i.get("sk").s())
        .doesNotContain(ChatKeys.checkpoint(3));
    assertThat(messages(keepThree.latest(alice, session).orElseThrow())).containsExactly("turn 9");
    assertThat(keepThree.findSession(alice, session).orElseThrow().latestCheckpoint()).isEqualTo(10);
  }

  @Test
  void aTurnsStepsAreOneWriteEachAndItsLastSaveWritesMetaOnce() throws Exception {
    String session = newSessionId();
    Instant started = clock.instant();
    TurnRun run = TurnRun.from(0, clock);
    assertThat(dao.append(alice, session, run, 0, state("hi"), Map.of("phase", "message"))).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(dao.append(alice, session, run, 1, state("hi", "tool"), Map.of("phase", "tools"))).isEqualTo(2);
    // Mid-turn the steps are the thread, though the conversation is not listed yet.
    assertThat(messages(dao.latest(alice, session).orElseThrow())).containsExactly("hi", "tool");
    assertThat(dao.findSession(alice, session)).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    ChatSession saved = dao.save(alice, session, run, 2, state("hi", "tool", "answer"), Map.of("phase", "answer"),
        "Ramen", 2);

    ChatSession expected = new ChatSession(session, "Ramen", started, clock.instant(), 2, 3);
    assertThat(saved).isEqualTo(expected);
    assertThat(dao.findSession(alice, session)).contains(expected);
    assertThat(dao.history(alice, session, 10)).extracting(Checkpoint::number).containsExactly(3L, 2L, 1L);
    assertThat(meta(alice, session).get("version").n()).as("META writes").isEqualTo("1");

    // The next turn builds on META's checkpoint; a turn from an older one cannot end.
    TurnRun next = TurnRun.from(3, clock);
    dao.append(alice, session, next, 3, state("again"), Map.of());
    assertThat(dao.save(alice, session, next, 4, state("again", "answer"), Map.of(), null, 4))
        .isEqualTo(new ChatSession(session, "Ramen", started, clock.instant(), 4, 5));
    assertThat(meta(alice, session).get("version").n()).isEqualTo("2");
    TurnRun stale = TurnRun.from(1, clock);
    assertThatThrownBy(() -> dao.append(alice, session, stale, 1, state("late"), Map.of()))
        .isInstanceOf(CheckpointConflictException.class);
  }

  @Test
  void aTurnThatRefilledPrunedSlotsIsWithdrawnWholeWhenItEnds() throws Exception {
    CheckpointDao keepThree = dao(3);
    String session = newSessionId();
    for (int n = 0; n < 10; n++) {
      keepThree.save(alice, session, n, state("turn " + n), Map.of(), null, n + 1);
    }
    // A turn that read checkpoint 2 long ago: its steps land in slots pruning freed, as nothing
    // but META can tell; its end finds out and takes all of them back.
    TurnRun stale = TurnRun.from(2, clock);
    keepThree.append(alice, session, stale, 2, state("from long ago"), Map.of());
    keepThree.append(alice, session, stale, 3, state("from long ago", "tool"), Map.of());
    assertThatThrownBy(() -> keepThree.save(alice, session, stale, 4, state("stale answer"), Map.of(), null, 3))
        .isInstanceOf(CheckpointConflictException.class);

    assertThat(rawItems(alice, session)).extracting(i -> i.get("sk").s())
        .containsExactly(ChatKeys.checkpoint(8), ChatKeys.checkpoint(9), ChatKeys.checkpoint(10), "META");
    assertThat(messages(keepThree.latest(alice, session).orElseThrow())).containsExactly("turn 9");
    assertThat(keepThree.findSession(alice, session).orElseThrow().latestCheckpoint()).isEqualTo(10);
  }

  @Test
  void aTurnsStepsAreNotPrunedUntilItEnds() throws Exception {
    CheckpointDao keepTwo = dao(2);
    String session = newSessionId();
    keepTwo.save(alice, session, 0, state("first"), Map.of(), "t", 1);
    TurnRun run = TurnRun.from(1, clock);
    for (long n = 1; n < 5; n++) {
      keepTwo.append(alice, session, run, n, state("step " + n), Map.of());
    }
    assertThat(rawItems(alice, session)).hasSize(6);
    keepTwo.save(alice, session, run, 5, state("answer"), Map.of(), null, 2);
    assertThat(rawItems(alice, session)).extracting(i -> i.get("sk").s())
        .containsExactly(ChatKeys.checkpoint(5), ChatKeys.checkpoint(6), "META");
  }

  @Test
  void deletingASessionRemovesAllItsItemsAndNothingElse() throws Exception {
    String doomed = newSessionId();
    String kept = newSessionId();
    for (int n = 0; n < 30; n++) {
      dao.save(alice, doomed, n, state("turn " + n), Map.of(), null, n + 1);
    }
    dao.save(alice, kept, 0, state("keep me"), Map.of(), "kept", 1);
    assertThat(rawItems(alice, doomed)).hasSize(21);

    assertThat(dao.deleteSession(alice, doomed)).isTrue();

    assertThat(rawItems(alice, doomed)).isEmpty();
    assertThat(dao.findSession(alice, doomed)).isEmpty();
    assertThat(dao.latest(alice, doomed)).isEmpty();
    assertThat(dao.deleteSession(alice, doomed)).isFalse();
    assertThat(messages(dao.latest(alice, kept).orElseThrow())).containsExactly("keep me");
    assertThat(dao.listSessions(alice, 10, null).items()).extracting(ChatSession::id).containsExactly(kept);
  }

  @Test
  void anotherUserCanNeitherSeeNorChangeTheSession() throws Exception {
    String session = newSessionId();
    dao.save(alice, session, 0, state("alice's secret"), Map.of(), "Alice's chat", 1);
    ChatSession alices = dao.findSession(alice, session).orElseThrow();
    String alicesCursor = dao.listSessions(alice, 1, null).nextCursor();

    assertThat(dao.findSession(bob, session)).isEmpty();
    assertThat(dao.latest(bob, session)).isEmpty();
    assertThat(dao.history(bob, session, 10)).isEmpty();
    assertThat(dao.listSessions(bob, 10, null).items()).isEmpty();
    assertThat(dao.deleteSession(bob, session)).isFalse();

    // Saving under alice's session id makes bob a thread of his own, under his own key.
    clock.advance(Duration.ofMinutes(1));
    ChatSession bobs = dao.save(bob, session, 0, state("bob's words"), Map.of(), "Bob's chat", 1);
    assertThat(bobs.title()).isEqualTo("Bob's chat");
    assertThat(messages(dao.latest(bob, session).orElseThrow())).containsExactly("bob's words");
    assertThat(rawItems(bob, session)).isNotEmpty()
        .allSatisfy(i -> assertThat(i.get("pk").s()).startsWith(bob.id() + "#"));

    assertThat(dao.findSession(alice, session)).contains(alices);
    assertThat(dao.history(alice, session, 10)).extracting(this::messages).containsExactly(List.of("alice's secret"));
    assertThat(dao.listSessions(alice, 10, null).items()).containsExactly(alices);
    if (alicesCursor != null) {
      assertThat(dao.listSessions(bob, 10, alicesCursor).items()).allSatisfy(s -> assertThat(s).isNotEqualTo(alices));
    }
  }

  @Test
  void refusesSessionIdsThatAreNotUuids() {
    for (String bad : new String[] {"", "abc", "x#META", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT)}) {
      assertThatThrownBy(() -> dao.findSession(alice, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> dao.save(alice, bad, 0, "{}", Map.of(), null, 0)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private CheckpointDao dao(int keep) {
    return new CheckpointDao(dynamo::client, LocalDynamoDbExtension.TABLE, TTL, keep, clock);
  }

  private List<String> allPages(Tenant tenant, int pageSize) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Page<ChatSession> page = dao.listSessions(tenant, pageSize, cursor);
      page.items().forEach(s -> ids.add(s.id()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return ids;
  }

  private List<Map<String, AttributeValue>> rawItems(Tenant tenant, String session) {
    return dynamo.client().query(q -> q.tableName(LocalDynamoDbExtension.TABLE).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", s(ChatKeys.pk(tenant, session))))).items();
  }

  private Map<String, AttributeValue> meta(Tenant tenant, String session) {
    return dynamo.client().getItem(g -> g.tableName(LocalDynamoDbExtension.TABLE).key(Map.of(
        "pk", s(ChatKeys.pk(tenant, session)), "sk", s("META")))).item();
  }

  private static <T> List<T> runTogether(List<Callable<T>> tasks, CountDownLatch go) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      tasks.forEach(t -> futures.add(pool.submit(t)));
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  static String newSessionId() {
    return UUID.randomUUID().toString();
  }

  static String state(String... messages) {
    try {
      return Json.MAPPER.writeValueAsString(List.of(messages));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private List<String> messages(Checkpoint checkpoint) {
    try {
      return Json.MAPPER.readValue(checkpoint.state(), new TypeReference<List<String>>() {});
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
