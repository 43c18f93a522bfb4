package app.collections.items;

import app.collections.paging.CursorCodec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A keyset position in the newest-first item order: (created_at, id). Stable under inserts and
 * deletes, unlike offsets; opaque to clients, versioned (tag {@code i1}) so its format can change.
 */
public record ItemCursor(OffsetDateTime createdAt, UUID id) {
  private static final CursorCodec CODEC = new CursorCodec("i1", 2, "Not a valid cursor");

  public static String of(Item item) {
    return new ItemCursor(item.createdAt(), item.id()).encode();
  }

  public String encode() {
    return CODEC.encode(ChronoUnit.MICROS.between(Instant.EPOCH, createdAt.toInstant()), id);
  }

  /** BAD_USER_INPUT "Not a valid cursor" for anything this did not make. */
  public static ItemCursor decode(String cursor) {
    return CODEC.decode(cursor, f -> new ItemCursor(
        OffsetDateTime.ofInstant(Instant.EPOCH.plus(f.number(0), ChronoUnit.MICROS), ZoneOffset.UTC), f.uuid(1)));
  }
}
