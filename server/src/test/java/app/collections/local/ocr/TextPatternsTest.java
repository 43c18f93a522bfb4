package app.collections.local.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hashtags, handles, links, prices, dates and places read from a post's text. */
class TextPatternsTest {
  private static final String POST = """
      @spicysundayfinance 7 days in Fukuoka, Japan here's the damage done #travel #japantrip
      TeamLab Forest 4800 JPY ~ $46.40 CAD, ramen ¥1,200 at Nishiki Market with @foodie_kyoto
      Book at www.teamlab.art/e/forest or teamlab.com before March 14, 2025 (email a@b.com)
      """;

  @Test
  void readsWhatAPostNamesInARecognisableForm() {
    assertThat(TextPatterns.find(TextPatterns.HASHTAG, POST, 0)).containsExactly("#travel", "#japantrip");
    assertThat(TextPatterns.find(TextPatterns.HANDLE, POST, 0)).containsExactly("@spicysundayfinance", "@foodie_kyoto");
    assertThat(TextPatterns.find(TextPatterns.PRICE, POST, 0)).contains("4800 JPY", "$46.40", "¥1,200");
    assertThat(TextPatterns.find(TextPatterns.DATE, POST, 0)).containsExactly("March 14, 2025");
    assertThat(TextPatterns.find(TextPatterns.URL, POST, 1)).contains("teamlab.com");
    assertThat(TextPatterns.places(POST)).contains("fukuoka, japan", "nishiki market");
  }
}
