package app.collections.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fuses a BM25 and a vector ranking into one, deduplicated by item. Reciprocal rank fusion by
 * default (scores of the two modes live on unrelated scales; ranks do not); a convex combination
 * of min-max-normalised scores is the alternative docs/search-quality.md compares it with.
 */
public final class HybridSearch {
  private final SearchConfiguration config;

  public HybridSearch(SearchConfiguration config) {
    this.config = config;
  }

  public List<RankedItem> fuse(List<ScoredItem> bm25, List<ScoredItem> vector) {
    return fuse(bm25, vector, config.getFusion());
  }

  public List<RankedItem> fuse(List<ScoredItem> bm25, List<ScoredItem> vector, SearchConfiguration.Fusion fusion) {
    Map<UUID, Double> bm25Scores = scores(bm25);
    Map<UUID, Double> vectorScores = scores(vector);
    Map<UUID, Double> fused = new LinkedHashMap<>();
    if (fusion == SearchConfiguration.Fusion.RRF) {
      addReciprocalRanks(fused, bm25, config.getBm25Weight());
      addReciprocalRanks(fused, vector, config.getVectorWeight());
    } else {
      addNormalised(fused, bm25, config.getBm25Weight());
      addNormalised(fused, vector, config.getVectorWeight());
    }
    List<RankedItem> ranked = new ArrayList<>();
    fused.forEach((id, score) -> ranked.add(new RankedItem(id, score, bm25Scores.get(id), vectorScores.get(id))));
    // Equal fused scores are common with RRF (first in one list only, against first in the other).
    // The vector ranking wins such a tie (the semantic match over the literal one; with an earlier
    // model one labelled query was decided so, docs/search-quality.md), then BM25, and only then the
    // id: the order never depends on random ids.
    ranked.sort(Comparator.comparingDouble(RankedItem::score).reversed()
        .thenComparing(RankedItem::vectorScore, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(RankedItem::bm25Score, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(RankedItem::itemId));
    return ranked;
  }

  private void addReciprocalRanks(Map<UUID, Double> fused, List<ScoredItem> ranking, double weight) {
    for (int i = 0; i < ranking.size(); i++) {
      fused.merge(ranking.get(i).itemId(), weight / (config.getRrfK() + i + 1), Double::sum);
    }
  }

  private static void addNormalised(Map<UUID, Double> fused, List<ScoredItem> ranking, double weight) {
    double max = ranking.stream().mapToDouble(ScoredItem::score).max().orElse(0);
    double min = ranking.stream().mapToDouble(ScoredItem::score).min().orElse(0);
    for (ScoredItem hit : ranking) {
      // A single hit (max == min) is as good as that ranking gets.
      double normalised = max > min ? (hit.score() - min) / (max - min) : 1.0;
      fused.merge(hit.itemId(), weight * normalised, Double::sum);
    }
  }

  private static Map<UUID, Double> scores(List<ScoredItem> ranking) {
    Map<UUID, Double> scores = new LinkedHashMap<>();
    ranking.forEach(hit -> scores.putIfAbsent(hit.itemId(), hit.score()));
    return scores;
  }
}
