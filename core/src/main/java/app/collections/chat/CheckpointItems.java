package app.collections.chat;

import static app.collections.chat.ChatTable.EXPIRES_AT;
import static app.collections.chat.ChatTable.LAST_ACTIVE_AT;
import static app.collections.chat.ChatTable.PK;
import static app.collections.chat.ChatTable.SK;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checkpoints and conversations as the chat table's items, both ways.
 * <ul>
 *   <li>A checkpoint item: number, the state (JSON text in {@code state} S, or gzipped in
 *       {@code state} B, see {@link StateCodec}), metadata (M of S), createdAt, writeId, expiresAt.
 *   <li>A state too large for one item (DynamoDB's limit is 400 KB) is cut into part items of
 *       {@value #PART_BYTES} bytes ({@code data} B); its checkpoint item then holds {@code parts}
 *       (how many) and no state.
 *   <li>META: userId, sessionId, title, createdAt, lastActiveAt, messageCount, latestCheckpoint,
 *       version (counts META writes), expiresAt. Only META carries {@code userId}, so the
 *       {@code byUser} index lists conversations, not checkpoints.
 * </ul>
 * Times are ISO-8601 with fixed millisecond precision, so that they sort as text.
 */
final class CheckpointItems {
  /** The most state bytes kept in one item: well under 400 KB with the other attributes. */
  static final int PART_BYTES = 350_000;

  // META's attributes (userId, lastActiveAt and expiresAt are the table's, see ChatTable).
  static final String SESSION_ID = "sessionId";
  static final String TITLE = "title";
  static final String CREATED_AT = "createdAt";
  static final String MESSAGE_COUNT = "messageCount";
  static final String LATEST_CHECKPOINT = "latestCheckpoint";
  static final String VERSION = "version";
  // A checkpoint's and its parts' attributes.
  static final String WRITE_ID = "writeId";
  private static final String NUMBER = "number";
  private static final String ENCODING = "enc";
  private static final String STATE = "state";
  private static final String METADATA = "metadata";
  private static final String PART_COUNT = "parts";
  private static final String PART_DATA = "data";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** A checkpoint as written: its parts (none when the state fits), then the item that names them. */
  record Write(Map<String, AttributeValue> checkpoint, List<Map<String, AttributeValue>> parts) {
    Write {
      parts = List.copyOf(parts);
    }

    List<String> partKeys() {
      return parts.stream().map(p -> p.get(SK).s()).toList();
    }
  }

  private CheckpointItems() {}

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** Checkpoint {@code number} of partition {@code pk}, written by {@code writeId}, as items. */
  static Write toItems(String pk, long number, String writeId, String state, Map<String, String> metadata,
      Instant createdAt, long expiresAt) {
    StateCodec.Encoded encoded = StateCodec.encode(state);
    Map<String, AttributeValue> item = new HashMap<>(Map.of(
        PK, s(pk), SK, s(ChatKeys.checkpoint(number)), NUMBER, n(number), ENCODING, s(encoded.encoding()),
        METADATA, AttributeValue.fromM(metadata.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))),
        CREATED_AT, s(time(createdAt)), WRITE_ID, s(writeId), EXPIRES_AT, n(expiresAt)));
    List<Map<String, AttributeValue>> parts = new ArrayList<>();
    byte[] bytes = encoded.bytes();
    if (bytes.length > PART_BYTES) {
      for (int offset = 0, index = 1; offset < bytes.length; offset += PART_BYTES, index++) {
        byte[] chunk = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + PART_BYTES));
        parts.add(Map.of(PK, s(pk), SK, s(ChatKeys.part(number, writeId, index)), NUMBER, n(number),
            WRITE_ID, s(writeId), PART_DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(chunk)),
            EXPIRES_AT, n(expiresAt)));
      }
      item.put(PART_COUNT, n(parts.size()));
    } else if (StateCodec.JSON.equals(encoded.encoding())) {
      item.put(STATE, s(state));
    } else {
      item.put(STATE, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes)));
    }
    return new Write(item, parts);
  }

  /**
   * The checkpoint an item holds, its state put together from {@code parts} (part items' data by
   * sort key) if it was split; empty if one of them is missing.
   */
  static Optional<Checkpoint> toCheckpoint(Map<String, AttributeValue> item, Map<String, byte[]> parts) {
    return state(item, parts).map(state -> new Checkpoint(number(item), state,
        item.get(METADATA).m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s())),
        Instant.parse(item.get(CREATED_AT).s())));
  }

  private static Optional<String> state(Map<String, AttributeValue> item, Map<String, byte[]> parts) {
    String encoding = item.get(ENCODING).s();
    if (!isSplit(item)) {
      AttributeValue state = item.get(STATE);
      return Optional.of(state.s() != null ? state.s() : StateCodec.decode(encoding, state.b().asByteArray()));
    }
    int count = Integer.parseInt(item.get(PART_COUNT).n());
    long number = number(item);
    String writeId = item.get(WRITE_ID).s();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(count * PART_BYTES);
    for (int index = 1; index <= count; index++) {
      byte[] part = parts.get(ChatKeys.part(number, writeId, index));
      if (part == null) {
        return Optional.empty();
      }
      bytes.writeBytes(part);
    }
    return Optional.of(StateCodec.decode(encoding, bytes.toByteArray()));
  }

  static ChatSession toSession(Map<String, AttributeValue> meta) {
    AttributeValue title = meta.get(TITLE);
    return new ChatSession(meta.get(SESSION_ID).s(), title == null ? null : title.s(),
        Instant.parse(meta.get(CREATED_AT).s()), Instant.parse(meta.get(LAST_ACTIVE_AT).s()),
        Integer.parseInt(meta.get(MESSAGE_COUNT).n()), Long.parseLong(meta.get(LATEST_CHECKPOINT).n()));
  }

  static long number(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get(NUMBER).n());
  }

  /** Whether a checkpoint item's state is in parts. */
  static boolean isSplit(Map<String, AttributeValue> item) {
    return item.containsKey(PART_COUNT);
  }

  static byte[] partData(Map<String, AttributeValue> part) {
    return part.get(PART_DATA).b().asByteArray();
  }

  /** Whether the item's TTL has passed: DynamoDB deletes such items late (dynalite never), so reads skip them. */
  static boolean expired(Map<String, AttributeValue> item, long nowSeconds) {
    return Long.parseLong(item.get(EXPIRES_AT).n()) <= nowSeconds;
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
