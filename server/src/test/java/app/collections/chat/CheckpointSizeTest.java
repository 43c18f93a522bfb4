package app.collections.chat;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.json.Json;
import app.collections.testing.LocalDynamoDbExtension;
import app.collections.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Conversations outgrow one DynamoDB item (400 KB): they are compressed or split, never refused. */
class CheckpointSizeTest {
  @RegisterExtension static final LocalDynamoDbExtension dynamo = new LocalDynamoDbExtension();

  private static final int ITEM_LIMIT = 400 * 1024;
  private static final String[] WORDS = ("the a to and of in for on with near open late ramen noodle bowl shop "
      + "station street Tokyo Lisbon Kyoto museum ticket price hours booking review photo screenshot menu "
      + "vegetarian spicy broth coffee bakery pastry tram line walk minutes from hotel check out restaurant "
      + "recommend saved collection image shows sign reads closed Monday reservation queue lunch dinner").split(" ");

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
  private final Tenant alice = new Tenant("alice-" + UUID.randomUUID());
  private final CheckpointDao dao = new CheckpointDao(dynamo::client, LocalDynamoDbExtension.TABLE,
      Duration.ofHours(4), 20, clock);

  @Test
  void aTwoHundredTurnConversationStaysUnderTheItemLimitAndRoundTrips() throws Exception {
    String session = UUID.randomUUID().toString();
    Random random = new Random(7);
    List<Map<String, String>> messages = new ArrayList<>();
    String state = null;
    long checkpoint = 0;
    for (int turn = 1; turn <= 200; turn++) {
      messages.add(Map.of("role", "user", "content", sentences(random, 1_000)));
      messages.add(Map.of("role", "assistant", "content", sentences(random, 2_000)));
      clock.advance(Duration.ofSeconds(30));
      // Every tenth turn is saved: each save of a growing state costs dynalite tens of milliseconds.
      if (turn % 10 == 0) {
        state = Json.MAPPER.writeValueAsString(Map.of("messages", messages, "turn", turn));
        dao.save(alice, session, checkpoint++, state, Map.of("source", "loop", "step", Integer.toString(turn)),
            "Long chat", messages.size());
      }
    }
    assertThat(state.getBytes(StandardCharsets.UTF_8).length).as("the state outgrew one item").isGreaterThan(ITEM_LIMIT);

    Checkpoint latest = dao.latest(alice, session).orElseThrow();
    assertThat(latest.number()).isEqualTo(20);
    assertThat(latest.state()).isEqualTo(state);
    assertThat(dao.findSession(alice, session).orElseThrow().messageCount()).isEqualTo(400);
    assertThat(dao.history(alice, session, 100)).hasSize(20);

    List<Map<String, AttributeValue>> items = rawItems(session);
    assertThat(items).allSatisfy(item -> assertThat(size(item)).as(item.get("sk").s()).isLessThan(ITEM_LIMIT));
  }

  @Test
  void aStateOfMegabytesThatDoesNotCompressIsSplitAndRoundTrips() throws Exception {
    String session = UUID.randomUUID().toString();
    Random random = new Random(11);
    String first = Json.MAPPER.writeValueAsString(Map.of("blob", randomText(random, 1_300_000)));
    String second = Json.MAPPER.writeValueAsString(Map.of("blob", randomText(random, 1_100_000)));

    dao.save(alice, session, 0, first, Map.of(), null, 1);
    dao.save(alice, session, 1, second, Map.of(), null, 2);

    assertThat(dao.latest(alice, session).orElseThrow().state()).isEqualTo(second);
    assertThat(dao.history(alice, session, 5)).extracting(Checkpoint::state).containsExactly(second, first);
    List<Map<String, AttributeValue>> items = rawItems(session);
    assertThat(items).filteredOn(i -> i.get("sk").s().contains("#PART#")).hasSizeGreaterThanOrEqualTo(6);
    assertThat(items).allSatisfy(item -> assertThat(size(item)).as(item.get("sk").s()).isLessThan(ITEM_LIMIT));

    assertThat(dao.deleteSession(alice, session)).isTrue();
    assertThat(rawItems(session)).isEmpty();
  }

  private List<Map<String, AttributeValue>> rawItems(String session) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamo.client().queryPaginator(q -> q.tableName(LocalDynamoDbExtension.TABLE).keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ChatKeys.pk(alice, session)))))
        .items().forEach(items::add);
    return items;
  }

  /** DynamoDB's item size: attribute names plus values, as its documentation counts them. */
  private static int size(Map<String, AttributeValue> item) {
    return item.entrySet().stream()
        .mapToInt(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue())).sum();
  }

  private static int size(AttributeValue value) {
    if (value.s() != null) {
      return value.s().getBytes(StandardCharsets.UTF_8).length;
    }
    if (value.n() != null) {
      return 21;
    }
    if (value.b() != null) {
      return value.b().asByteArray().length;
    }
    return 3 + value.m().entrySet().stream()
        .mapToInt(e -> 1 + e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue())).sum();
  }

  private static String sentences(Random random, int approximateLength) {
    StringBuilder text = new StringBuilder();
    int length = approximateLength / 2 + random.nextInt(approximateLength);
    while (text.length() < length) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
    }
    return text.toString();
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('!' + random.nextInt(94)));
    }
    return text.toString();
  }
}
