package app.collections.chat;

import app.collections.paging.CursorCodec;

/**
 * Where a page of {@code chatSessions} stopped: the last session's id and its lastActiveAt as the
 * chat table stores it (the listing index's sort key). The user is never in the cursor: it comes
 * from the tenant when the cursor is read back. The timestamp is the last field since it holds
 * the codec's separator.
 */
record SessionCursor(String sessionId, String lastActiveAt) {
  private static final CursorCodec CODEC = new CursorCodec("s1", 2, "after is not a cursor of chatSessions");

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
