package app.collections.search;

import java.util.UUID;

/** An item in a final ranking, with the scores of the modes that found it (null where one did not). */
public record RankedItem(UUID itemId, double score, Double bm25Score, Double vectorScore) {}
