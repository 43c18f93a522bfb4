package app.collections.vision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisionAnalyzersTest {
  @Test
  void withNoKeyTheOfflineAnalyserIsTheDefault() {
    VisionAnalyzers analyzers = VisionAnalyzers.create(new VisionConfiguration());
    assertThat(analyzers.defaultProvider()).isEqualTo(VisionProvider.LOCAL);
    assertThat(analyzers.get(VisionProvider.ANTHROPIC)).isEmpty();
    assertThat(analyzers.get(VisionProvider.OPENAI)).isEmpty();
  }

  @Test
  void claudeIsTheDefaultWhenItsKeyIsSetAndGptOtherwise() {
    VisionConfiguration openAiOnly = new VisionConfiguration();
    openAiOnly.getOpenai().setApiKey("sk-test");
    assertThat(VisionAnalyzers.create(openAiOnly).defaultProvider()).isEqualTo(VisionProvider.OPENAI);

    VisionConfiguration both = new VisionConfiguration();
    both.getOpenai().setApiKey("sk-test");
    both.getAnthropic().setApiKey("test-anthropic-key");
    VisionAnalyzers analyzers = VisionAnalyzers.create(both);
    assertThat(analyzers.defaultProvider()).isEqualTo(VisionProvider.ANTHROPIC);
    assertThat(analyzers.get(null).orElseThrow().defaultModel()).isEqualTo("claude-sonnet-4-5");
    assertThat(analyzers.get(VisionProvider.OPENAI).orElseThrow().defaultModel()).isEqualTo("gpt-4o");
  }
}
