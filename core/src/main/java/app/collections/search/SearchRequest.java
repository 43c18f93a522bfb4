package app.collections.search;

/**
 * One page of a search: {@code offset} hits skipped, {@code first} returned. {@code needsTotals}:
 * the client asked for the count or the category facet, so every relevant hit (up to the cap) is
 * collected, not just enough for this page.
 */
public record SearchRequest(String query, SearchMode mode, int first, int offset, SearchFilter filter,
    boolean newestFirst, Double minScore, boolean needsTotals) {}
