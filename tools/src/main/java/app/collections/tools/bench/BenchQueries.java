package app.collections.tools.bench;

import app.collections.items.ItemFilter;
import app.collections.search.SearchMode;
import app.collections.search.SearchRequest;
import app.collections.tools.eval.SearchEval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the search bench asks: its mix of queries, each as the same first-page request. */
final class BenchQueries {
  /** The page every timed search asks for; recall is measured at this depth. */
  static final int PAGE = 10;

  private BenchQueries() {}

  /** A mix: single common words, a common word with a rarer one, and the labelled queries (if the file is there). */
  static List<String> mix(SyntheticCorpus corpus, int count, Path labelled) throws IOException {
    List<String> queries = new ArrayList<>();
    List<String> common = corpus.commonWords(30);
    List<String> fromFile = Files.exists(labelled)
        ? SearchEval.readQueries(labelled).stream().map(q -> q.text()).toList() : List.of();
    for (int i = 0; queries.size() < count; i++) {
      switch (i % 3) {
        case 0 -> queries.add(common.get(i % common.size()));
        case 1 -> queries.add(common.get((i * 7) % common.size()) + " " + corpus.midWord());
        default -> queries.add(fromFile.isEmpty() ? corpus.phrase(3) : fromFile.get(i % fromFile.size()));
      }
    }
    return queries;
  }

  /**
   * A first page of {@value #PAGE}, as a client asking for edges and pageInfo; no relevance floor,
   * so every query does its full work.
   */
  static SearchRequest firstPage(String query, SearchMode mode) {
    return new SearchRequest(query, mode, PAGE, 0, ItemFilter.NONE, false, -1.0, false);
  }
}
