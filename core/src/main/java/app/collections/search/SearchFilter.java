package app.collections.search;

import app.collections.items.Item;
import java.time.OffsetDateTime;

/** Narrows a search to the viewer's items of one category and/or a creation window. */
public record SearchFilter(String category, OffsetDateTime createdAfter, OffsetDateTime createdBefore) {
  public static final SearchFilter NONE = new SearchFilter(null, null, null);

  /** Whether it narrows anything: a search without a filter need not read the items table at all. */
  public boolean narrows() {
    return category != null || createdAfter != null || createdBefore != null;
  }

  /** The filter applied in Java, for rankings that did not come from SQL (AGENTIC). */
  public boolean matches(Item item) {
    return (category == null || category.equalsIgnoreCase(item.category()))
        && (createdAfter == null || !item.createdAt().isBefore(createdAfter))
        && (createdBefore == null || item.createdAt().isBefore(createdBefore));
  }
}
