package app.collections.tools.eval;

import java.util.List;
import java.util.Map;

/**
 * MRR, Precision@k, Recall@k and NDCG@k (graded gains 2^rel − 1) of one ranking. A query that
 * expects nothing scores 1 on every metric when nothing is returned and 0 otherwise.
 */
public record RankingMetrics(double reciprocalRank, Map<Integer, Double> precision, Map<Integer, Double> recall,
    Map<Integer, Double> ndcg) {
  public static final List<Integer> KS = List.of(1, 3, 5, 10);

  public static RankingMetrics of(List<String> ranked, Map<String, Integer> expected) {
    if (expected.isEmpty()) {
      double score = ranked.isEmpty() ? 1 : 0;
      Map<Integer, Double> all = constant(score);
      return new RankingMetrics(score, all, all, all);
    }
    double rr = 0;
    for (int i = 0; i < ranked.size(); i++) {
      if (expected.containsKey(ranked.get(i))) {
        rr = 1.0 / (i + 1);
        break;
      }
    }
    Map<Integer, Double> precision = new java.util.TreeMap<>();
    Map<Integer, Double> recall = new java.util.TreeMap<>();
    Map<Integer, Double> ndcg = new java.util.TreeMap<>();
    List<Integer> ideal = expected.values().stream().sorted(java.util.Comparator.reverseOrder()).toList();
    for (int k : KS) {
      List<String> top = ranked.subList(0, Math.min(k, ranked.size()));
      long hits = top.stream().filter(expected::containsKey).count();
      precision.put(k, hits / (double) k);
      recall.put(k, hits / (double) expected.size());
      double dcg = 0;
      for (int i = 0; i < top.size(); i++) {
        dcg += gain(expected.getOrDefault(top.get(i), 0)) / log2(i + 2);
      }
      double idcg = 0;
      for (int i = 0; i < Math.min(k, ideal.size()); i++) {
        idcg += gain(ideal.get(i)) / log2(i + 2);
      }
      ndcg.put(k, idcg == 0 ? 0 : dcg / idcg);
    }
    return new RankingMetrics(rr, precision, recall, ndcg);
  }

  private static Map<Integer, Double> constant(double value) {
    Map<Integer, Double> all = new java.util.TreeMap<>();
    KS.forEach(k -> all.put(k, value));
    return all;
  }

  private static double gain(int relevance) {
    return Math.pow(2, relevance) - 1;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
