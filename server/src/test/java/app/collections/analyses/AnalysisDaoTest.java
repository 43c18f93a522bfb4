package app.collections.analyses;

import static app.collections.testing.Fixtures.analysisOf;
import static app.collections.testing.Fixtures.goldenAnalyses;
import static app.collections.testing.Fixtures.newItem;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnalysisDaoTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private final Tenant alice = new Tenant("alice");
  private final Tenant bob = new Tenant("bob");
  private ItemDao items;
  private AnalysisDao analyses;

  @BeforeEach
  void setUp() {
    db.truncate();
    items = db.jdbi().onDemand(ItemDao.class);
    analyses = db.jdbi().onDemand(AnalysisDao.class);
  }

  @Test
  void storesTheGoldenAnalysisVerbatimAndItsSearchColumns() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    JsonNode golden = goldenAnalyses().get(0);

    NewAnalysis stored = analysisOf(item.id(), golden);
    assertThat(analyses.add(alice, stored)).contains(1);

    Analysis read = analyses.find(alice, stored.id()).orElseThrow();
    assertThat(read.raw()).isEqualTo(golden);
    assertThat(read.category()).isEqualTo(golden.get("category").asText());
    assertThat(read.subcategories()).containsExactly("art", "attractions", "budget");
    assertThat(read.headline()).isEqualTo(golden.get("headline").asText());
    assertThat(read.version()).isEqualTo(1);
    assertThat(items.find(alice, item.id()).orElseThrow().category()).isEqualTo("Travel");
  }

  @Test
  void versionsAnalysesPerItemAndKeepsTheHistory() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    analyses.add(alice, analysisOf(item.id(), goldenAnalyses().get(0)));
    analyses.add(alice, analysisOf(item.id(), goldenAnalyses().get(1)));

    assertThat(analyses.latestForItems(alice, List.of(item.id())))
        .singleElement().satisfies(a -> assertThat(a.version()).isEqualTo(2));
    assertThat(analyses.historyForItems(alice, List.of(item.id())))
        .extracting(Analysis::version).containsExactly(2, 1);
  }

  @Test
  void anotherTenantCanNeitherAddToNorReadAnItemsAnalyses() {
    NewItem item = newItem("a.jpg");
    items.insert(alice, item);
    NewAnalysis alices = analysisOf(item.id(), goldenAnalyses().get(0));
    analyses.add(alice, alices);

    assertThat(analyses.add(bob, analysisOf(item.id(), goldenAnalyses().get(1)))).isEmpty();
    assertThat(analyses.find(bob, alices.id())).isEmpty();
    assertThat(analyses.latestForItems(bob, List.of(item.id()))).isEmpty();
    assertThat(analyses.historyForItems(bob, List.of(item.id()))).isEmpty();
    assertThat(analyses.historyForItems(alice, List.of(item.id()))).hasSize(1);
  }
}
