package app.collections.search;

import java.util.List;

/**
 * A relevance floor: a ranking answers nothing unless its best hit reaches {@code best} (the
 * collection holds nothing about the query), and keeps only hits reaching {@code each}.
 */
public record Floor(double best, double each) {
  public static final Floor NONE = new Floor(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);

  /** {@code minScore} from the request, when given, is both. */
  public static Floor of(Double minScore, double best, double each) {
    return minScore != null ? new Floor(minScore, minScore) : new Floor(best, each);
  }

  public List<ScoredItem> apply(List<ScoredItem> ranked) {
    if (ranked.isEmpty() || ranked.getFirst().relevance() < best) {
      return List.of();
    }
    return ranked.stream().filter(hit -> hit.relevance() >= each).toList();
  }
}
