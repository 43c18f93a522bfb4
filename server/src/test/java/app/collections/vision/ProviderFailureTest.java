package app.collections.vision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The words of a failed provider call: the provider's own, kept short and free of our data. */
class ProviderFailureTest {

  @Test
  void theProvidersMessageIsQuotedFromEitherErrorShape() {
    assertThat(ProviderFailure.providerMessage(
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: Field required\"}}"))
        .isEqualTo("max_tokens: Field required");
    assertThat(ProviderFailure.providerMessage(
        "{\"error\":{\"message\":\"Invalid image.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"))
        .isEqualTo("Invalid image.");
    assertThat(ProviderFailure.providerMessage("<html><title>413 Request Entity Too Large</title></html>")).isNull();
    assertThat(ProviderFailure.providerMessage("{\"error\":\"no message here\"}")).isNull();
    assertThat(ProviderFailure.providerMessage("")).isNull();
  }

  @Test
  void anImageEchoedBackIsCutOutAndALongMessageCut() {
    String image = Base64.getEncoder().encodeToString(new byte[3000]);
    String echoed = ProviderFailure.providerMessage(
        "{\"error\":{\"message\":\"Invalid image URL: data:image/jpeg;base64," + image + " is not an image\\n\\tsee docs\"}}");
    assertThat(echoed).isEqualTo("Invalid image URL: data:image/jpeg;base64,… is not an image see docs");

    String rambling = ProviderFailure.providerMessage("{\"error\":{\"message\":\"" + "so many words ".repeat(100) + "\"}}");
    assertThat(rambling).hasSize(ProviderFailure.MAX_PROVIDER_MESSAGE + 1).endsWith("…");
  }

  @Test
  void everyOther4xxIsARefusalWithTheProvidersWords() {
    HttpException notFound = new HttpException(404,
        "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-x\"}}");
    assertThat(ProviderFailure.of(VisionProvider.ANTHROPIC, new ModelNotFoundException(notFound)))
        .isEqualTo(new ProviderFailure("anthropic refused the request: model: claude-x", false));
    HttpException unprocessable = new HttpException(422, "{}");
    assertThat(ProviderFailure.of(VisionProvider.OPENAI, new InvalidRequestException(unprocessable)))
        .isEqualTo(new ProviderFailure("openai refused the request (HTTP 422)", false));
  }

  @Test
  void noConnectionIsRetryableAndSaysWhatFailed() {
    assertThat(ProviderFailure.of(VisionProvider.OPENAI, new RuntimeException(new ConnectException())))
        .isEqualTo(new ProviderFailure("openai could not be reached (ConnectException)", true));
    assertThat(ProviderFailure.of(VisionProvider.ANTHROPIC, new UnresolvedModelServerException(new UnresolvedAddressException())))
        .isEqualTo(new ProviderFailure("anthropic could not be reached (UnresolvedAddressException)", true));
    assertThat(ProviderFailure.of(VisionProvider.ANTHROPIC, new IllegalStateException("unexpected token")))
        .isEqualTo(new ProviderFailure("the call to anthropic failed (IllegalStateException)", true));
  }
}
