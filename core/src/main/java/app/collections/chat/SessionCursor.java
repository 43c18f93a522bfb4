package app.collections.chat;

import static app.collections.chat.ChatTable.LAST_ACTIVE_AT;
import static app.collections.chat.ChatTable.PK;
import static app.collections.chat.ChatTable.SK;
import static app.collections.chat.ChatTable.USER_ID;
import static app.collections.chat.CheckpointItems.s;

import app.collections.auth.Tenant;
import app.collections.paging.CursorCodec;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.collections.paging.CursorCodec;

/**
 * Where a page of {@code chatSessions} stopped: the last session's id and its lastActiveAt as the
 * chat table stores it (the listing index's sort key). The user is never in the cursor: it comes
 * from the tenant when the cursor is read back. The timestamp is the last field since it holds
 * the codec's separator.
 */
record SessionCursor(String sessionId, String lastActiveAt) {
  private static final CursorCodec CODEC = new CursorCodec("s1", 2, "after is not a cursor of chatSessions");

  /** The cursor of a {@code byUser} page's last evaluated key. */
  static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
    return new SessionCursor(ChatKeys.sessionIdOf(lastEvaluatedKey.get(PK).s()), lastEvaluatedKey.get(LAST_ACTIVE_AT).s())
        .encode();
  }

  /** The {@code byUser} key to start the next page from, for the tenant's own conversations. */
  Map<String, AttributeValue> startKey(Tenant tenant) {
    return Map.of(USER_ID, s(tenant.id()), LAST_ACTIVE_AT, s(lastActiveAt), PK, s(ChatKeys.pk(tenant, sessionId)),
        SK, s(ChatKeys.META));
  }

  String encode() {
    return CODEC.encode(sessionId, lastActiveAt);
  }

  /** BAD_USER_INPUT "after is not a cursor of chatSessions" for anything this did not make. */
  static SessionCursor decode(String cursor) {
    return CODEC.decode(cursor, f -> {
      f.instant(1);
      return new SessionCursor(f.uuid(0).toString(), f.text(1));
    });
  }
}
