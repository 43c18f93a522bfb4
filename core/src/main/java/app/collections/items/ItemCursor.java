package app.collections.items;

import app.collections.graphql.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position in the newest-first item order: (created_at, id). Stable under inserts and
 * deletes, unlike offsets; opaque to clients (base64url), versioned so its format can change.
 */
public record ItemCursor(OffsetDateTime createdAt, UUID id) {
  private static final String PREFIX = "i1:";

  public static String of(Item item) {
    return new ItemCursor(item.createdAt(), item.id()).encode();
  }

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt.toInstant());
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((PREFIX + micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  public static ItemCursor decode(String cursor) {
    try {
      if (cursor.length() > 100) {
        throw new IllegalArgumentException();
      }
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!text.startsWith(PREFIX)) {
        throw new IllegalArgumentException();
      }
      String[] parts = text.substring(PREFIX.length()).split(":", 2);
      Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
      return new ItemCursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw ApiException.badInput("Not a valid cursor");
    }
  }
}
