package app.collections.search;

import app.collections.items.ItemFilter;

/**
 * One page of a search: {@code offset} hits skipped, {@code first} returned. {@code needsTotals}:
 * the client asked for the count or the category facet, so every relevant hit (up to the cap) is
 * collected, not just enough for this page.
 */
public record SearchRequest(String query, SearchMode mode, int first, int offset, ItemFilter filter,
    boolean newestFirst, Double minScore, boolean needsTotals) {}
