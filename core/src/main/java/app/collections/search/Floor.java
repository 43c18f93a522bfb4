package app.collections.search;

import java.util.List;

/**
 * A relevance floor: a ranking answers nothing unless its most relevant hit reaches {@code best} (the
 * collection holds nothing about the query), and keeps only hits reaching {@code each}. The
 * configured floors compare a hit's relevance (comparable across queries, see {@link ScoredItem});
 * a request's {@code minScore} compares the score the API returns for the hit, so a client can
 * read the threshold off the scores it sees.
 */
public record Floor(double best, double each, boolean onScore) {
  public static final Floor NONE = new Floor(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, false);

  /** {@code minScore} from the request, when given, is both, on the returned score. */
  public static Floor of(Double minScore, double best, double each) {
    return minScore != null ? new Floor(minScore, minScore, true) : new Floor(best, each, false);
  }

  public List<ScoredItem> apply(List<ScoredItem> ranked) {
    // The most relevant hit, not the first: BM25 relevance is not in the order of the score.
    if (ranked.stream().mapToDouble(this::value).max().orElse(Double.NEGATIVE_INFINITY) < best) {
      return List.of();
    }
    return ranked.stream().filter(hit -> value(hit) >= each).toList();
  }

  private double value(ScoredItem hit) {
    return onScore ? hit.score() : hit.relevance();
  }
}
