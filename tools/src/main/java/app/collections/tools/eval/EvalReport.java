package app.collections.tools.eval;

import app.collections.search.SearchMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Per mode, metrics averaged over all queries and per query type, plus latency percentiles. */
public record EvalReport(int documents, List<Row> rows, List<QueryResult> queries) {

  /** One mode's averages over a group of queries ("all" or a query type). */
  public record Row(SearchMode mode, String group, int queries, double mrr, Map<Integer, Double> precision,
      Map<Integer, Double> recall, Map<Integer, Double> ndcg, double p50Ms, double p95Ms) {}

  /** What one query returned in one mode. */
  public record QueryResult(SearchMode mode, String queryId, String type, List<String> top, RankingMetrics metrics,
      double tookMs) {}

  public static EvalReport of(int documents, List<QueryResult> results) {
    List<Row> rows = new ArrayList<>();
    Map<SearchMode, List<QueryResult>> byMode = new LinkedHashMap<>();
    results.forEach(r -> byMode.computeIfAbsent(r.mode(), m -> new ArrayList<>()).add(r));
    byMode.forEach((mode, list) -> {
      rows.add(row(mode, "all", list));
      Map<String, List<QueryResult>> byType = new LinkedHashMap<>();
      list.forEach(r -> byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r));
      byType.forEach((type, group) -> rows.add(row(mode, type, group)));
    });
    return new EvalReport(documents, rows, results);
  }

  public Row overall(SearchMode mode) {
    return rows.stream().filter(r -> r.mode() == mode && r.group().equals("all")).findFirst().orElseThrow();
  }

  private static Row row(SearchMode mode, String group, List<QueryResult> list) {
    double mrr = list.stream().mapToDouble(r -> r.metrics().reciprocalRank()).average().orElse(0);
    Map<Integer, Double> p = new java.util.TreeMap<>();
    Map<Integer, Double> rc = new java.util.TreeMap<>();
    Map<Integer, Double> n = new java.util.TreeMap<>();
    for (int k : RankingMetrics.KS) {
      p.put(k, list.stream().mapToDouble(r -> r.metrics().precision().get(k)).average().orElse(0));
      rc.put(k, list.stream().mapToDouble(r -> r.metrics().recall().get(k)).average().orElse(0));
      n.put(k, list.stream().mapToDouble(r -> r.metrics().ndcg().get(k)).average().orElse(0));
    }
    double[] took = list.stream().mapToDouble(QueryResult::tookMs).sorted().toArray();
    return new Row(mode, group, list.size(), mrr, p, rc, n, percentile(took, 0.50), percentile(took, 0.95));
  }

  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** A Markdown table, as docs/search-quality.md shows it. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("| mode | queries | n | MRR | P@1 | P@3 | P@5 | P@10 | R@1 | R@3 | R@5 | R@10 | NDCG@1 | NDCG@3 | NDCG@5 | NDCG@10 | p50 ms | p95 ms |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f |", r.mode(), r.group(), r.queries(), r.mrr()));
      for (Map<Integer, Double> m : List.of(r.precision(), r.recall(), r.ndcg())) {
        for (int k : RankingMetrics.KS) {
          out.append(String.format(Locale.ROOT, " %.3f |", m.get(k)));
        }
      }
      out.append(String.format(Locale.ROOT, " %.1f | %.1f |%n", r.p50Ms(), r.p95Ms()));
    }
    return out.toString();
  }
}
