package app.collections.chat;

import static app.collections.chat.ChatTable.LAST_ACTIVE_AT;
import static app.collections.chat.ChatTable.PK;
import static app.collections.chat.ChatTable.SK;
import static app.collections.chat.ChatTable.USER_ID;
import static app.collections.chat.CheckpointItems.s;

import app.collections.auth.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The listing's cursor: where the last page stopped, as (lastActiveAt, sessionId), base64url of
 * {@code lastActiveAt|sessionId}. The user comes from the tenant when it is read back, never from
 * the cursor.
 */
final class SessionCursor {
  private SessionCursor() {}

  /** The cursor of a {@code byUser} page's last evaluated key. */
  static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
    String text = lastEvaluatedKey.get(LAST_ACTIVE_AT).s() + "|" + ChatKeys.sessionIdOf(lastEvaluatedKey.get(PK).s());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code byUser} key to start the next page from, for the tenant's own conversations. */
  static Map<String, AttributeValue> decode(Tenant tenant, String cursor) {
    try {
      String[] fields = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
      if (fields.length != 2) {
        throw new IllegalArgumentException("not a session cursor");
      }
      Instant.parse(fields[0]);
      return Map.of(USER_ID, s(tenant.id()), LAST_ACTIVE_AT, s(fields[0]), PK, s(ChatKeys.pk(tenant, fields[1])),
          SK, s(ChatKeys.META));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid cursor", e);
    }
  }
}
