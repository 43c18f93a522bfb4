package app.collections.search;

import app.collections.json.Json;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.CollectionsConfiguration;
import app.collections.server.LocalService;
import app.collections.tools.eval.EvalReport;
import app.collections.tools.eval.SearchEval;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The labelled set of ../shared/eval/, evaluated as the eval command does, against the thresholds. */
class SearchQualityTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  static EvalReport report;

  @BeforeAll
  static void evaluate() throws Exception {
    CollectionsConfiguration config = new CollectionsConfiguration();
    config.getPipeline().setWorkers(0);
    config.getStorage().getLocal().setEnabled(false);
    config.getAuth().getDevIssuer().setEnabled(true);
    config.setDataDir(java.nio.file.Files.createTempDirectory("quality"));
    LocalService wiring = LocalService.start(config, db.dataSource(), new MetricRegistry(), Json.MAPPER);
    Path eval = Fixtures.sharedDir().resolve("eval");
    report = new SearchEval(wiring.db().jdbi(), wiring.processing().lifecycle(), wiring.processing().pipeline(),
        wiring.searching().search())
        .run(eval.resolve("golden_analyses.json"), eval.resolve("retrieval_queries.json"));
    System.out.print(report.table());
  }

  @Test
  void bm25RanksTheExpectedItemsFirst() {
    assertThat(report.overall(SearchMode.BM25).mrr()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void vectorSearchWithTheLocalModelRanksTheExpectedItemsFirst() {
    assertThat(report.overall(SearchMode.VECTOR).mrr()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void hybridIsAtLeastAsGoodAsTheBetterOfTheTwo() {
    double better = Math.max(report.overall(SearchMode.BM25).mrr(), report.overall(SearchMode.VECTOR).mrr());
    assertThat(report.overall(SearchMode.HYBRID).mrr()).isGreaterThanOrEqualTo(better);
  }
}
