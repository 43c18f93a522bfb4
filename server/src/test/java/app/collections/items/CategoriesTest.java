package app.collections.items;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CategoriesTest {
  @Test
  void oneSpellingPerCategory() {
    assertThat(Categories.normalise("  career ")).contains("Career");
    assertThat(Categories.normalise("MUSIC")).contains("Music");
    assertThat(Categories.normalise("self-care")).contains("Self-Care");
    assertThat(Categories.normalise("DIY projects")).contains("DIY Projects");
    assertThat(Categories.normalise("arts\u0000&\u200bcrafts")).contains("Arts & Crafts");
    assertThat(Categories.normalise(" \n\t")).isEmpty();
    assertThat(Categories.normalise(null)).isEmpty();
  }

  @Test
  void aSentenceIsCutAtAWordWithinTheBound() {
    String cut = Categories.normalise("x".repeat(30) + " " + "y".repeat(30)).orElseThrow();
    assertThat(cut).isEqualTo("X" + "x".repeat(29));
    assertThat(Categories.normalise("z".repeat(100)).orElseThrow()).hasSize(Categories.MAX_LENGTH);
  }

  @Test
  void theSuggestedListHoldsTheLabelledEightAndIsInItsOwnSpelling() {
    assertThat(Categories.SUGGESTED).startsWith("Travel", "Food", "Beauty", "Fashion", "Technology", "Coding",
        "Programming", "Entertainment").contains("Career", "Music", "Education", "Events", "Shopping", "Finance",
        "News", "Books").doesNotHaveDuplicates();
    Categories.SUGGESTED.forEach(c -> assertThat(Categories.normalise(c)).contains(c));
  }
}
