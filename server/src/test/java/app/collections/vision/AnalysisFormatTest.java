package app.collections.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.items.Categories;
import app.collections.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AnalysisFormatTest {
  private final ObjectNode golden = AnalysisFormat.project(Fixtures.goldenAnalyses().get(0));

  @Test
  void acceptsEveryGoldenAnalysisAsItIs() throws Exception {
    for (JsonNode each : Fixtures.goldenAnalyses()) {
      ObjectNode projected = AnalysisFormat.project(each);
      assertThat(AnalysisFormat.parse(projected.toString())).isEqualTo(projected);
    }
  }

  @Test
  void findsTheJsonInsideACodeFenceOrProse() throws Exception {
    assertThat(AnalysisFormat.parse("```json\n" + golden + "\n```")).isEqualTo(golden);
    assertThat(AnalysisFormat.parse("Here is the analysis:\n" + golden)).isEqualTo(golden);
  }

  @Test
  void rejectsRepliesThatAreNotTheFormat() {
    ObjectNode blankCategory = golden.deepCopy().put("category", " \t ");
    ObjectNode missingDetails = golden.deepCopy();
    missingDetails.remove("image_details");
    ObjectNode numberInList = golden.deepCopy();
    ((ObjectNode) numberInList.path("media_metadata")).putArray("hashtags").add(3);
    for (String reply : new String[] {null, "", "no json here", "{broken", "[1,2]", blankCategory.toString(),
        missingDetails.toString(), numberInList.toString()}) {
      assertThatThrownBy(() -> AnalysisFormat.parse(reply)).as(String.valueOf(reply))
          .isInstanceOf(MalformedAnalysisException.class);
    }
  }

  @Test
  void acceptsAnyCategoryInItsOneSpelling() throws Exception {
    assertThat(AnalysisFormat.parse(golden.deepCopy().put("category", "career").toString())
        .path("category").asText()).isEqualTo("Career");
    assertThat(AnalysisFormat.parse(golden.deepCopy().put("category", " real\u0007 estate\n").toString())
        .path("category").asText()).isEqualTo("Real Estate");
    String sentence = "a very long explanation of what this image might be about in general";
    String bounded = AnalysisFormat.parse(golden.deepCopy().put("category", sentence).toString())
        .path("category").asText();
    assertThat(bounded).hasSizeLessThanOrEqualTo(Categories.MAX_LENGTH).startsWith("A Very Long");
  }

  @Test
  void thePromptNamesEveryCategoryAndKey() {
    assertThat(AnalysisFormat.PROMPT).contains(Categories.SUGGESTED.toString()).contains("none of them fits")
        .contains("extracted_text", "visual_hierarchy", "location_tags", "key_interest");
  }
}
