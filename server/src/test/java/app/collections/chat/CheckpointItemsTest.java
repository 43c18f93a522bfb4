package app.collections.chat;

import static app.collections.chat.CheckpointItems.n;
import static app.collections.chat.CheckpointItems.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Checkpoints to items and back: as text, gzipped, and cut into parts. */
class CheckpointItemsTest {
  private static final String PK = "alice#0b6f3c1e-8d2a-4f57-9c1b-2e3d4f5a6b7c";
  private static final Instant AT = Instant.parse("2025-06-01T10:00:00.123Z");
  private static final long EXPIRES = AT.getEpochSecond() + 4 * 3600;
  private static final Map<String, String> METADATA = Map.of("phase", "answer", "writer", "agent");

  @Test
  void aSmallStateIsStoredAsItsTextAndReadBack() {
    String state = "{\"messages\":[\"hi\"]}";
    CheckpointItems.Write write = CheckpointItems.toItems(PK, 7, "ab12cd34", state, METADATA, AT, EXPIRES);

    assertThat(write.parts()).isEmpty();
    Map<String, AttributeValue> item = write.checkpoint();
    assertThat(item.get("pk").s()).isEqualTo(PK);
    assertThat(item.get("sk").s()).isEqualTo(ChatKeys.checkpoint(7));
    assertThat(item.get("state").s()).isEqualTo(state);
    assertThat(item.get("enc").s()).isEqualTo(StateCodec.JSON);
    assertThat(item.get("createdAt").s()).isEqualTo("2025-06-01T10:00:00.123Z");
    assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(EXPIRES));
    assertThat(CheckpointItems.isSplit(item)).isFalse();
    assertThat(CheckpointItems.toCheckpoint(item, Map.of())).contains(new Checkpoint(7, state, METADATA, AT));
  }

  @Test
  void aLargerStateIsGzippedIntoTheItem() {
    String state = "{\"messages\":[\"" + "ramen near the station ".repeat(1000) + "\"]}";
    CheckpointItems.Write write = CheckpointItems.toItems(PK, 2, "ab12cd34", state, Map.of(), AT, EXPIRES);

    assertThat(write.parts()).isEmpty();
    assertThat(write.checkpoint().get("enc").s()).isEqualTo(StateCodec.GZIP);
    assertThat(write.checkpoint().get("state").b().asByteArray().length).isLessThan(state.length() / 10);
    assertThat(CheckpointItems.toCheckpoint(write.checkpoint(), Map.of()).orElseThrow().state()).isEqualTo(state);
  }

  @Test
  void aStateTooLargeForOneItemIsCutIntoPartsAndPutTogetherAgain() {
    // Random text does not compress, so its bytes go to the parts as they are: 2.5 parts' worth.
    String state = randomText(CheckpointItems.PART_BYTES * 5 / 2, new Random(3));
    CheckpointItems.Write write = CheckpointItems.toItems(PK, 4, "ab12cd34", state, METADATA, AT, EXPIRES);

    assertThat(write.partKeys()).containsExactly(ChatKeys.part(4, "ab12cd34", 1), ChatKeys.part(4, "ab12cd34", 2),
        ChatKeys.part(4, "ab12cd34", 3));
    assertThat(write.checkpoint()).doesNotContainKey("state");
    assertThat(write.checkpoint().get("parts").n()).isEqualTo("3");
    assertThat(CheckpointItems.isSplit(write.checkpoint())).isTrue();
    for (Map<String, AttributeValue> part : write.parts()) {
      assertThat(CheckpointItems.partData(part).length).isLessThanOrEqualTo(CheckpointItems.PART_BYTES);
      assertThat(CheckpointItems.number(part)).isEqualTo(4);
      assertThat(part.get("expiresAt").n()).isEqualTo(Long.toString(EXPIRES));
    }

    Map<String, byte[]> parts = partsByKey(write.parts());
    assertThat(CheckpointItems.toCheckpoint(write.checkpoint(), parts)).contains(new Checkpoint(4, state, METADATA, AT));

    // A part missing (or another writer's parts under the same number) is no checkpoint.
    parts.remove(ChatKeys.part(4, "ab12cd34", 2));
    assertThat(CheckpointItems.toCheckpoint(write.checkpoint(), parts)).isEmpty();
    CheckpointItems.Write other = CheckpointItems.toItems(PK, 4, "99999999", state, METADATA, AT, EXPIRES);
    assertThat(CheckpointItems.toCheckpoint(write.checkpoint(), partsByKey(other.parts()))).isEmpty();
  }

  @Test
  void metaIsReadAsTheConversation() {
    Map<String, AttributeValue> meta = new HashMap<>(Map.of("sessionId", s("0b6f3c1e-8d2a-4f57-9c1b-2e3d4f5a6b7c"),
        "title", s("Ramen"), "createdAt", s("2025-06-01T09:00:00.000Z"), "lastActiveAt", s("2025-06-01T10:00:00.123Z"),
        "messageCount", n(4), "latestCheckpoint", n(9), "expiresAt", n(EXPIRES)));
    assertThat(CheckpointItems.toSession(meta)).isEqualTo(new ChatSession("0b6f3c1e-8d2a-4f57-9c1b-2e3d4f5a6b7c",
        "Ramen", Instant.parse("2025-06-01T09:00:00Z"), AT, 4, 9));
    meta.remove("title");
    assertThat(CheckpointItems.toSession(meta).title()).isNull();
  }

  @Test
  void anItemHasExpiredFromTheSecondOfItsTtl() {
    Map<String, AttributeValue> item = Map.of("expiresAt", n(EXPIRES));
    assertThat(CheckpointItems.expired(item, EXPIRES - 1)).isFalse();
    assertThat(CheckpointItems.expired(item, EXPIRES)).isTrue();
  }

  @Test
  void timesHaveFixedMillisecondsSoTheySortAsText() {
    assertThat(CheckpointItems.time(Instant.parse("2025-06-01T10:00:00Z"))).isEqualTo("2025-06-01T10:00:00.000Z");
    assertThat(CheckpointItems.time(Instant.parse("2025-06-01T09:59:59.9Z")))
        .isLessThan(CheckpointItems.time(Instant.parse("2025-06-01T10:00:00Z")));
  }

  private static Map<String, byte[]> partsByKey(List<Map<String, AttributeValue>> parts) {
    Map<String, byte[]> byKey = new HashMap<>();
    parts.forEach(p -> byKey.put(p.get("sk").s(), CheckpointItems.partData(p)));
    return byKey;
  }

  private static String randomText(int length, Random random) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('!' + random.nextInt(94)));
    }
    return text.toString();
  }
}
