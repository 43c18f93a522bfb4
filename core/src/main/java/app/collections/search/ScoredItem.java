package app.collections.search;

import java.util.UUID;

/**
 * One mode's hit. {@code score} is the mode's own (BM25, or cosine similarity); {@code relevance}
 * is comparable across queries (BM25 divided by the query's best possible score; the similarity
 * itself) and is what the relevance floor applies to.
 */
public record ScoredItem(UUID itemId, double score, double relevance) {}
