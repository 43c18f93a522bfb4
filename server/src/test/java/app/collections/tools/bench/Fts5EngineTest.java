package app.collections.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The prototype's FTS5 engine as the bench runs it: its tokenizer, its OR-ed quoted tokens, bm25 order. */
class Fts5EngineTest {

  @Test
  void tokensAreQuotedAndOredSoOperatorsAndQuotesStayWords() {
    assertThat(Fts5Engine.matchExpression("  ramen NOT \"tokyo\" AND  ")).isEqualTo("\"ramen\" OR \"NOT\" OR \"tokyo\" OR \"AND\"");
    assertThat(Fts5Engine.matchExpression(" \" ")).isEmpty();
  }

  @Test
  void ranksByBm25WithDiacriticsRemoved() throws Exception {
    try (Fts5Engine fts = Fts5Engine.create()) {
      fts.add("a", "ramen in tokyo, a bowl of ramen with ramen noodles");
      fts.add("b", "a café in Kyoto serving ramen");
      fts.add("c", "hiking trail near Kyoto");
      fts.commit();
      assertThat(fts.search("ramen", 10)).containsExactly("a", "b");
      assertThat(fts.search("cafe", 10)).containsExactly("b");
      assertThat(fts.search("kyoto NOT", 1)).hasSize(1);
      assertThat(fts.search("unknownword", 10)).isEmpty();
    }
  }
}
