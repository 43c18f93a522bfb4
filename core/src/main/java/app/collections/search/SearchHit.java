package app.collections.search;

import app.collections.items.Item;

/** An item found, its 1-based rank in the whole result, and how it scored. */
public record SearchHit(Item item, int rank, double score, Double bm25Score, Double vectorScore) {}
