package app.collections.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Fusion of a BM25 and a vector ranking: RRF arithmetic, deduplication, ties, the convex variant. */
class HybridSearchTest {
  private final UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private final UUID b = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private final UUID c = UUID.fromString("00000000-0000-0000-0000-00000000000c");
  private final HybridSearch rrf = new HybridSearch(new SearchConfiguration());

  @Test
  void reciprocalRanksAddUpAndAnItemFoundTwiceCountsOnce() {
    List<RankedItem> fused = rrf.fuse(
        List.of(new ScoredItem(a, 9.0, 0.9), new ScoredItem(b, 5.0, 0.5)),
        List.of(new ScoredItem(b, 0.90, 0.90), new ScoredItem(c, 0.85, 0.85)));

    assertThat(fused).extracting(RankedItem::itemId).containsExactly(b, a, c);
    assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
    assertThat(fused.get(0).bm25Score()).isEqualTo(5.0);
    assertThat(fused.get(0).vectorScore()).isEqualTo(0.90);
    assertThat(fused.get(1).vectorScore()).isNull();
  }

  @Test
  void aTieBetweenTheTwoFirstsGoesToTheVectorRankingWhateverTheIds() {
    for (UUID[] ids : new UUID[][] {{a, b}, {b, a}}) {
      List<RankedItem> fused = rrf.fuse(List.of(new ScoredItem(ids[0], 3.0, 0.6)),
          List.of(new ScoredItem(ids[1], 0.9, 0.9)));
      assertThat(fused.get(0).score()).isEqualTo(fused.get(1).score());
      assertThat(fused.get(0).itemId()).isEqualTo(ids[1]);
    }
  }

  @Test
  void theConvexCombinationAddsMinMaxNormalisedScores() {
    List<RankedItem> fused = rrf.fuse(
        List.of(new ScoredItem(a, 10.0, 1), new ScoredItem(b, 4.0, 0.4), new ScoredItem(c, 2.0, 0.2)),
        List.of(new ScoredItem(c, 0.9, 0.9), new ScoredItem(a, 0.7, 0.7)),
        SearchConfiguration.Fusion.CONVEX);
    // a: 1 + 0, c: 0 + 1 (a tie, which the closer vector wins), b: 0.25 + nothing.
    assertThat(fused).extracting(RankedItem::itemId).containsExactly(c, a, b);
    assertThat(fused.get(0).score()).isCloseTo(1.0, within(1e-12));
    assertThat(fused.get(1).score()).isCloseTo(1.0, within(1e-12));
    assertThat(fused.get(2).score()).isCloseTo(0.25, within(1e-12));
  }
}
