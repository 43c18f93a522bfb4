package app.collections.items;

import java.time.OffsetDateTime;

/** The {@code items(filter:)} argument; null fields do not filter. */
public record ItemFilter(
    String category, ItemStatus status, OffsetDateTime createdAfter, OffsetDateTime createdBefore) {
  public static final ItemFilter NONE = new ItemFilter(null, null, null, null);
}
