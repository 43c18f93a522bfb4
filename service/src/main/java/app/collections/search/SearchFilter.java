package app.collections.search;

import java.time.OffsetDateTime;

/** Narrows a search to the viewer's items of one category and/or a creation window. */
public record SearchFilter(String category, OffsetDateTime createdAfter, OffsetDateTime createdBefore) {
  public static final SearchFilter NONE = new SearchFilter(null, null, null);
}
