package app.collections.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
  private static final CursorCodec CODEC = new CursorCodec("t1", 2, "Not a t1");
  private final UUID id = UUID.fromString("0b6b5bd1-7c34-4e5c-9a3f-2d1f0c6a9e11");

  @Test
  void roundTripsTypedFieldsWithTheSeparatorInTheLastOne() {
    Instant at = Instant.parse("2026-03-01T10:15:30.123Z");
    String encoded = CODEC.encode(id, at);

    assertThat(encoded).matches("[A-Za-z0-9_-]+"); // URL-safe, no padding
    UUID decodedId = CODEC.decode(encoded, f -> f.uuid(0));
    Instant decodedAt = CODEC.decode(encoded, f -> f.instant(1));
    assertThat(decodedId).isEqualTo(id);
    assertThat(decodedAt).isEqualTo(at);
  }

  @Test
  void keepsTheWireFormatsClientsHold() {
    // What GlobalId, ItemCursor and the search cursor wrote before there was one codec.
    assertThat(CursorCodec.untagged(2, "x").encode("Item", id)).isEqualTo(base64("Item:" + id));
    assertThat(new CursorCodec("i1", 2, "x").encode(1_700_000_000_000_000L, id))
        .isEqualTo(base64("i1:1700000000000000:" + id));
    assertThat(new CursorCodec("search", 1, "x").encode(30)).isEqualTo(base64("search:30"));
  }

  @Test
  void refusesAnythingMalformedWithItsOwnMessage() {
    String[] malformed = {
        "", "not base64!", base64("t2:" + id + ":x"), base64("t1:" + id), base64("t1::2026-03-01T10:15:30Z"),
        base64("t1:not-a-uuid:2026"), "A".repeat(CursorCodec.MAX_ENCODED_LENGTH + 1), null};
    for (String bad : malformed) {
      assertThatThrownBy(() -> CODEC.decode(bad, f -> List2.of(f.uuid(0), f.instant(1))))
          .as(String.valueOf(bad))
          .isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
            assertThat(e.getMessage()).isEqualTo("Not a t1");
          });
    }
  }

  @Test
  void aParserRefusalIsTheSameAnswer() {
    String encoded = CODEC.encode(id, "x");
    assertThatThrownBy(() -> CODEC.decode(encoded, f -> { throw CODEC.invalid(); }))
        .hasMessage("Not a t1");
  }

  @Test
  void aSeparatorOutsideTheLastFieldIsOurBugAtEncoding() {
    assertThatThrownBy(() -> CODEC.encode("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CODEC.encode("a")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses both fields, so either failing is seen. */
  private record List2(UUID id, Instant at) {
    static List2 of(UUID id, Instant at) {
      return new List2(id, at);
    }
  }
}
