package app.collections.chat;

import static app.collections.chat.ChatTable.PK;
import static app.collections.chat.ChatTable.SK;

import app.collections.auth.Tenant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a conversation's items sit in the chat table. A conversation is one partition,
 * {@code pk = {userId}#{sessionId}} (the session id is a canonical UUID, so the split is
 * unambiguous whatever the user id holds), and its sort keys are:
 * <ul>
 *   <li>{@code META}: the conversation;
 *   <li>{@code CP#0000000007}: checkpoint 7, zero-padded so that keys sort as the numbers do;
 *   <li>{@code CP#0000000007#PART#{writeId}#001}: a part of checkpoint 7's state, written by the run
 *       with that write id (two writers racing for number 7 keep their parts apart).
 * </ul>
 * Parts sort right after their checkpoint, and META after every checkpoint: reading a partition
 * newest first meets META, then each checkpoint's parts just before the checkpoint itself.
 */
final class ChatKeys {
  static final String META = "META";
  /** The prefix of every checkpoint key (and of no other): the low end of a range over checkpoints. */
  static final String CHECKPOINTS = "CP#";
  private static final String PART = "#PART#";
  /** Sorts after every part key of a checkpoint: '~' is after every character a write id or index holds. */
  private static final String AFTER_PARTS = "~";
  private static final int UUID_LENGTH = 36;

  private ChatKeys() {}

  /** The conversation's partition; built from the tenant, so no argument reaches another user's. */
  static String pk(Tenant tenant, String sessionId) {
    return tenant.id() + "#" + requireSessionId(sessionId);
  }

  /** The session id a partition key ends with. */
  static String sessionIdOf(String pk) {
    return pk.substring(pk.length() - UUID_LENGTH);
  }

  /** Session ids are canonical UUIDs: they cannot smuggle a '#' into the key. */
  static String requireSessionId(String sessionId) {
    if (sessionId == null || sessionId.length() != UUID_LENGTH
        || !UUID.fromString(sessionId).toString().equals(sessionId)) {
      throw new IllegalArgumentException("a session id is a lower-case UUID");
    }
    return sessionId;
  }

  static String checkpoint(long number) {
    return CHECKPOINTS + String.format(Locale.ROOT, "%010d", number);
  }

  /** Part {@code index} (from 1) of checkpoint {@code number}'s state as run {@code writeId} wrote it. */
  static String part(long number, String writeId, int index) {
    return checkpoint(number) + PART + writeId + "#" + String.format(Locale.ROOT, "%03d", index);
  }

  static boolean isPart(String sk) {
    return sk.contains(PART);
  }

  static boolean isPartWrittenBy(String sk, String writeId) {
    return sk.contains(PART + writeId + "#");
  }

  /** The high end of a range that takes in checkpoint {@code number} and its parts. */
  static String afterPartsOf(long number) {
    return checkpoint(number) + AFTER_PARTS;
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
  }
}
