package app.collections.search;

import app.collections.items.CategoryCount;
import java.util.List;

/** One page of hits plus what the whole result holds. */
public record SearchResults(List<SearchHit> hits, int offset, boolean hasNextPage, int totalCount,
    List<CategoryCount> categories, SearchMode mode, double tookMs) {}
