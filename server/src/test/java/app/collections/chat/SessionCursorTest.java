package app.collections.chat;

import static app.collections.chat.CheckpointItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.auth.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listing cursor's wire format, which clients hold between pages, and what it can reach. */
class SessionCursorTest {
  private static final String SESSION = "0b6f3c1e-8d2a-4f57-9c1b-2e3d4f5a6b7c";
  private static final String ACTIVE = "2025-06-01T10:00:00.123Z";

  @Test
  void isTheLastActivityAndTheSessionIdInBase64Url() {
    String cursor = SessionCursor.encode(Map.of("lastActiveAt", s(ACTIVE), "pk", s("alice#" + SESSION),
        "userId", s("alice"), "sk", s("META")));
    assertThat(cursor).isEqualTo(Base64.getUrlEncoder().withoutPadding()
        .encodeToString((ACTIVE + "|" + SESSION).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void isReadBackAsTheReadersOwnStartKeyWhoeverWroteIt() {
    String cursor = SessionCursor.encode(Map.of("lastActiveAt", s(ACTIVE), "pk", s("alice#" + SESSION)));
    assertThat(SessionCursor.decode(new Tenant("bob"), cursor)).isEqualTo(Map.of("userId", s("bob"),
        "lastActiveAt", s(ACTIVE), "pk", s("bob#" + SESSION), "sk", s("META")));
  }

  @Test
  void refusesWhatIsNotACursor() {
    Tenant alice = new Tenant("alice");
    for (String bad : new String[] {"", "***", encoded("no bar"), encoded("yesterday|" + SESSION),
        encoded(ACTIVE + "|not-a-uuid"), encoded(ACTIVE + "|" + SESSION + "|more")}) {
      assertThatThrownBy(() -> SessionCursor.decode(alice, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static String encoded(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
