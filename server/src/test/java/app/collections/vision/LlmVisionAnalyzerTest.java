package app.collections.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.collections.testing.FakeVisionProvider;
import app.collections.testing.ProviderLimits;
import app.collections.testing.TestImages;
import io.dropwizard.util.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a failed call to Claude or GPT-4o reaches the pipeline, through the real langchain4j clients
 * against the fake's wire: a refusal fails at once with the provider's own words, a rate limit or
 * an outage is retryable, and each is one call (the pipeline, not the analyser, tries again).
 */
class LlmVisionAnalyzerTest {
  static final FakeVisionProvider provider = new FakeVisionProvider();

  @AfterEach
  void recover() {
    provider.recover();
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Test
  void claudeRefusingAPhotoOver5MbFailsAtOnceWithItsOwnWordsAfterOneCall() {
    byte[] photo = TestImages.noiseJpeg(2600, 1950);
    int before = provider.requestCount();

    VisionException e = failure(VisionProvider.ANTHROPIC, photo, "image/jpeg");

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).isEqualTo("anthropic refused the request: messages.0.content.0.image.source.base64: "
        + "image exceeds 5 MB maximum: " + Base64.getEncoder().encodeToString(photo).length() + " bytes > 5242880 bytes");
    assertThat(provider.requestCount() - before).isEqualTo(1);
  }

  @Test
  void claudeRefusingAnImageOver8000PixelsOrABodyOver32MbFailsAtOnce() {
    VisionException wide = failure(VisionProvider.ANTHROPIC, TestImages.plain("png", 8001, 16), "image/png");
    assertThat(wide.retryable()).isFalse();
    assertThat(wide.getMessage()).isEqualTo("anthropic refused the request: messages.0.content.0.image.source.base64.data: "
        + "At least one of the image dimensions exceed max allowed size: 8000 pixels");

    // 25 MB is 33 MB of base64: Cloudflare's 413 before the API looks at the image.
    int before = provider.requestCount();
    VisionException heavy = failure(VisionProvider.ANTHROPIC,
        TestImages.padded(TestImages.plain("jpeg", 64, 64), 25 * 1024 * 1024), "image/jpeg");
    assertThat(heavy.retryable()).isFalse();
    assertThat(heavy.getMessage()).isEqualTo("anthropic refused the request: Request exceeds the maximum size");
    assertThat(provider.requestCount() - before).isEqualTo(1);
  }

  @Test
  void gptRefusingAnImageOver20MbOrAFormatItDoesNotReadFailsAtOnce() {
    int before = provider.requestCount();
    VisionException heavy = failure(VisionProvider.OPENAI,
        TestImages.padded(TestImages.plain("jpeg", 64, 64), ProviderLimits.OPENAI_MAX_IMAGE_BYTES + 1), "image/jpeg");
    assertThat(heavy.retryable()).isFalse();
    assertThat(heavy.getMessage()).isEqualTo("openai refused the request: You uploaded an unsupported image. Please make "
        + "sure your image is below 20 MB in size and is of one the following formats: ['png', 'jpeg', 'gif', 'webp'].");
    assertThat(provider.requestCount() - before).isEqualTo(1);

    VisionException bmp = failure(VisionProvider.OPENAI, TestImages.plain("bmp", 16, 16), "image/bmp");
    assertThat(bmp.retryable()).isFalse();
    assertThat(bmp.getMessage()).startsWith("openai refused the request: You uploaded an unsupported image.");
  }

  @Test
  void aRefusalWithNoWordsOfItsOwnSaysItsStatus() {
    // Over 50 MB, OpenAI's Cloudflare answers with an HTML page: no error message to quote.
    VisionException e = failure(VisionProvider.OPENAI,
        TestImages.padded(TestImages.plain("jpeg", 64, 64), 38 * 1024 * 1024), "image/jpeg");
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).isEqualTo("openai refused the request (HTTP 413)");
  }

  @Test
  void aRejectedKeyIsNotRetriedAndItsBodyIsNotRepeated() {
    for (VisionProvider who : new VisionProvider[] {VisionProvider.ANTHROPIC, VisionProvider.OPENAI}) {
      provider.failNext(401, "Incorrect API key provided: sk-test***key", 1);
      VisionException e = failure(who, TestImages.plain("png", 16, 16), "image/png");
      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage()).isEqualTo(who.id() + " refused the API key (HTTP 401)");
    }
  }

  @Test
  void rateLimitsOutagesAndOverloadAreRetryable() {
    for (VisionProvider who : new VisionProvider[] {VisionProvider.ANTHROPIC, VisionProvider.OPENAI}) {
      provider.failNext(429, "Number of request tokens has exceeded your per-minute rate limit", 1)
          .failNext(500, 1).failNext(529, "Overloaded", 1);
      VisionException limited = failure(who, TestImages.plain("png", 16, 16), "image/png");
      assertThat(limited.retryable()).isTrue();
      assertThat(limited.getMessage()).isEqualTo(who.id()
          + " is rate limiting requests (HTTP 429: Number of request tokens has exceeded your per-minute rate limit)");
      VisionException down = failure(who, TestImages.plain("png", 16, 16), "image/png");
      assertThat(down.retryable()).isTrue();
      assertThat(down.getMessage()).isEqualTo(who.id() + " is unavailable (HTTP 500: scripted 500)");
      VisionException overloaded = failure(who, TestImages.plain("png", 16, 16), "image/png");
      assertThat(overloaded.retryable()).isTrue();
      assertThat(overloaded.getMessage()).isEqualTo(who.id() + " is unavailable (HTTP 529: Overloaded)");
    }
  }

  @Test
  void noConnectionAndNoAnswerInTimeAreRetryable() {
    VisionConfiguration nobody = new VisionConfiguration();
    nobody.getAnthropic().setApiKey("test-anthropic-key");
    // Nothing listens on port 1: the connection is refused at once.
    nobody.getAnthropic().setBaseUrl("http://127.0.0.1:1/v1/");
    VisionException refused = failure(nobody, VisionProvider.ANTHROPIC, TestImages.plain("png", 16, 16), "image/png");
    assertThat(refused.retryable()).isTrue();
    assertThat(refused.getMessage()).isEqualTo("anthropic could not be reached (ConnectException)");

    VisionConfiguration impatient = configuration();
    impatient.setTimeout(Duration.milliseconds(500));
    provider.holdAfter(0);
    VisionException slow = failure(impatient, VisionProvider.ANTHROPIC, TestImages.plain("png", 16, 16), "image/png");
    assertThat(slow.retryable()).isTrue();
    assertThat(slow.getMessage()).isEqualTo("anthropic did not answer in time");
  }

  private static VisionException failure(VisionProvider who, byte[] image, String contentType) {
    return failure(configuration(), who, image, contentType);
  }

  private static VisionException failure(VisionConfiguration config, VisionProvider who, byte[] image, String contentType) {
    VisionAnalyzer analyzer = VisionAnalyzers.create(config).get(who).orElseThrow();
    return catchThrowableOfType(VisionException.class, () -> analyzer.analyze(image, contentType, null));
  }

  private static VisionConfiguration configuration() {
    VisionConfiguration vision = new VisionConfiguration();
    vision.getAnthropic().setApiKey("test-anthropic-key");
    vision.getAnthropic().setBaseUrl(provider.anthropicUrl());
    vision.getOpenai().setApiKey("test-openai-key");
    vision.getOpenai().setBaseUrl(provider.openAiUrl());
    return vision;
  }
}
