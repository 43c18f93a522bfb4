package app.collections.search;

/** One page of a search: {@code offset} hits skipped, {@code first} returned. */
public record SearchRequest(String query, SearchMode mode, int first, int offset, SearchFilter filter,
    boolean newestFirst, Double minScore) {}
