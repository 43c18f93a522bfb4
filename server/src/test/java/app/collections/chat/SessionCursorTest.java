package app.collections.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionCursorTest {
  @Test
  void roundTripsTheStoredTimestampAsWritten() {
    SessionCursor cursor = new SessionCursor(UUID.randomUUID().toString(), "2026-03-01T10:15:30.123Z");
    assertThat(SessionCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void anythingElseIsTheClientsMistakeWithTheListingsMessage() {
    String old = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("2026-03-01T10:15:30.123Z|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    String notAnId = new SessionCursor("alice#x", "2026-03-01T10:15:30.123Z").encode();
    String notATime = new SessionCursor(UUID.randomUUID().toString(), "yesterday").encode();
    for (String bad : new String[] {old, notAnId, notATime, "not a cursor"}) {
      assertThatThrownBy(() -> SessionCursor.decode(bad)).as(bad)
          .isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
            assertThat(e.getMessage()).isEqualTo("after is not a cursor of chatSessions");
          });
    }
  }

  @Test
  void isReadBackAsTheReadersOwnStartKeyWhoeverWroteIt() {
    String session = "0b6f3c1e-8d2a-4f57-9c1b-2e3d4f5a6b7c";
    String active = "2025-06-01T10:00:00.123Z";
    String cursor = SessionCursor.encode(java.util.Map.of("lastActiveAt", CheckpointItems.s(active),
        "pk", CheckpointItems.s("alice#" + session)));
    assertThat(SessionCursor.decode(cursor).startKey(new app.collections.auth.Tenant("bob"))).isEqualTo(java.util.Map.of(
        "userId", CheckpointItems.s("bob"), "lastActiveAt", CheckpointItems.s(active),
        "pk", CheckpointItems.s("bob#" + session), "sk", CheckpointItems.s("META")));
  }
}
