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
}
