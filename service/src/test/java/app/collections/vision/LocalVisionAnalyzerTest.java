package app.collections.vision;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The offline analyser reads the text of a real screenshot with Debian's Tesseract. */
class LocalVisionAnalyzerTest {
  private final LocalVisionAnalyzer analyzer = new LocalVisionAnalyzer(new VisionConfiguration().getTessdata());

  @Test
  void readsTheTextOfATravelScreenshot() throws Exception {
    // The TeamLab Forest Fukuoka post: its title and the poster's caption are printed on it.
    Path image = Fixtures.sharedDir().resolve("eval/images/f5129142-8126-4f7b-8b72-72f4024d4078.jpg");
    VisionResult result = analyzer.analyze(Files.readAllBytes(image), "image/jpeg", null);

    String text = String.join("\n", result.analysis().path("image_details").path("extracted_text")
        .valueStream().map(n -> n.asText()).toList());
    assertThat(text).contains("TeamLab Forest Fukuoka").contains("Spicy Sunday Finance").contains("no regrets");
    assertThat(result.provider()).isEqualTo(VisionProvider.LOCAL);
    assertThat(result.model()).isEqualTo(LocalVisionAnalyzer.MODEL);
    assertThat(result.analysis().path("headline").asText()).isNotBlank();
    assertThat(result.analysis().path("image_details").has("objects")).isTrue();
    assertThat(text).doesNotContain("$ ae al");
  }

  @Test
  void theHeadlineSkipsThePhonesStatusBar() {
    assertThat(LocalVisionAnalyzer.headline(java.util.List.of("10:34 als a", "Explore", "Claude 3.7 Sonnet is available now!")))
        .isEqualTo("Claude 3.7 Sonnet is available now!");
    assertThat(LocalVisionAnalyzer.headline(java.util.List.of())).isEqualTo("Image without text");
  }

  @Test
  void keepsWordsAndDropsOcrNoise() {
    assertThat(LocalVisionAnalyzer.isText("7 days in Fukuoka, Japan")).isTrue();
    assertThat(LocalVisionAnalyzer.isText("4800 JPY ~ $46.40 CAD")).isTrue();
    assertThat(LocalVisionAnalyzer.isText("$ ae al * a ? — +")).isFalse();
    assertThat(LocalVisionAnalyzer.isText("~ 6>* ee a ae")).isFalse();
  }
}
