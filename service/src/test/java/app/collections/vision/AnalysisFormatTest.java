package app.collections.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    ObjectNode wrongCategory = golden.deepCopy().put("category", "Cats");
    ObjectNode missingDetails = golden.deepCopy();
    missingDetails.remove("image_details");
    ObjectNode numberInList = golden.deepCopy();
    ((ObjectNode) numberInList.path("media_metadata")).putArray("hashtags").add(3);
    for (String reply : new String[] {null, "", "no json here", "{broken", "[1,2]", wrongCategory.toString(),
        missingDetails.toString(), numberInList.toString()}) {
      assertThatThrownBy(() -> AnalysisFormat.parse(reply)).as(String.valueOf(reply))
          .isInstanceOf(MalformedAnalysisException.class);
    }
  }

  @Test
  void thePromptNamesEveryCategoryAndKey() {
    assertThat(AnalysisFormat.PROMPT).contains(AnalysisFormat.CATEGORIES.toString())
        .contains("extracted_text", "visual_hierarchy", "location_tags", "key_interest");
  }
}
