package app.collections.tools.bench;

import app.collections.search.SearchDocument;
import java.util.UUID;

/** One synthetic analysed item as the bench loads it: its row, its BM25 document, its passages' vectors. */
public record BenchItem(UUID id, String category, double ageSeconds, SearchDocument document, float[][] vectors) {}
