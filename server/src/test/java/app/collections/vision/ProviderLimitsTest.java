package app.collections.vision;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.json.Json;
import app.collections.testing.FakeVisionProvider;
import app.collections.testing.Fixtures;
import app.collections.testing.ProviderLimits;
import app.collections.testing.TestImages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The fake provider refuses what Anthropic and OpenAI refuse, as they refuse it: status and body
 * for each documented limit (ProviderLimits cites them), and nothing within them. Raw HTTP, so
 * what is asserted is the wire, not what a client makes of it.
 */
class ProviderLimitsTest {
  private static final int MB = 1024 * 1024;
  static final FakeVisionProvider provider = new FakeVisionProvider();
  private static final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Test
  void anthropicRefusesAPhotoOver5MbOfBase64WithItsOwnWords() throws Exception {
    byte[] photo = TestImages.noiseJpeg(2600, 1950);
    assertThat(photo.length).as("a phone photo's weight").isGreaterThan(5 * MB);
    String data = Base64.getEncoder().encodeToString(photo);

    HttpResponse<String> refused = post(provider.anthropicUrl() + "messages", anthropic(List.of(block("image/jpeg", data))));

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode body = Json.MAPPER.readTree(refused.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.path("error").path("message").asText()).isEqualTo(
        "messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: " + data.length()
            + " bytes > 5242880 bytes");
    assertThat(body.path("request_id").asText()).startsWith("req_");
  }

  @Test
  void anthropicsLimitOnAnImageIsItsBase64NotItsBytes() {
    // 3 MB of bytes is 4 MB of base64: within. 3.75 MB is exactly 5 MB of base64: within. Past it: refused.
    byte[] jpeg = TestImages.plain("jpeg", 64, 64);
    int atLimit = ProviderLimits.ANTHROPIC_MAX_IMAGE_BASE64_CHARS / 4 * 3;
    assertThat(ProviderLimits.anthropic(anthropic(List.of(block("image/jpeg", TestImages.padded(jpeg, atLimit)))))).isEmpty();
    assertThat(ProviderLimits.anthropic(anthropic(List.of(block("image/jpeg", TestImages.padded(jpeg, atLimit + 1))))))
        .hasValueSatisfying(r -> assertThat(r.text()).contains("image exceeds 5 MB maximum: 5242884 bytes > 5242880 bytes"));
  }

  @Test
  void anthropicRefusesAnImageWiderThan8000PixelsAnd2000WhenMoreThan20Images() throws Exception {
    HttpResponse<String> refused = post(provider.anthropicUrl() + "messages",
        anthropic(List.of(block("image/png", TestImages.plain("png", 8001, 16)))));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(refused.body()).path("error").path("message").asText()).isEqualTo(
        "messages.0.content.0.image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels");
    assertThat(ProviderLimits.anthropic(anthropic(List.of(block("image/png", TestImages.plain("png", 16, 8000)))))).isEmpty();

    ObjectNode wide = block("image/png", TestImages.plain("png", 2001, 16));
    ObjectNode small = block("image/png", TestImages.plain("png", 16, 16));
    List<ObjectNode> twenty = new java.util.ArrayList<>(Collections.nCopies(19, small));
    twenty.add(wide);
    assertThat(ProviderLimits.anthropic(anthropic(twenty))).as("20 images: 8000 px").isEmpty();
    List<ObjectNode> twentyOne = new java.util.ArrayList<>(twenty);
    twentyOne.add(small);
    assertThat(ProviderLimits.anthropic(anthropic(twentyOne))).hasValueSatisfying(r -> {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.text()).contains("messages.0.content.19.image.source.base64.data: At least one of the image dimensions "
          + "exceed max allowed size for many-image requests: 2000 pixels");
    });
  }

  @Test
  void anthropicRefusesAMediaTypeTheBytesAreNotOrItDoesNotTake() throws Exception {
    HttpResponse<String> mismatch = post(provider.anthropicUrl() + "messages",
        anthropic(List.of(block("image/jpeg", TestImages.plain("png", 16, 16)))));
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(mismatch.body()).path("error").path("message").asText())
        .isEqualTo("messages.0.content.0.image.source.base64.data: Image does not match the provided media type image/jpeg");

    HttpResponse<String> heic = post(provider.anthropicUrl() + "messages",
        anthropic(List.of(block("image/heic", TestImages.plain("png", 16, 16)))));
    assertThat(heic.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(heic.body()).path("error").path("message").asText()).isEqualTo(
        "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'");
  }

  @Test
  void aBodyOverTheRequestLimitIsRefusedUnreadWith413() throws Exception {
    int before = provider.requestCount();
    byte[] anthropicBody = new byte[Math.toIntExact(ProviderLimits.ANTHROPIC_MAX_REQUEST_BYTES) + 1];
    Arrays.fill(anthropicBody, (byte) ' ');
    HttpResponse<String> anthropic = post(provider.anthropicUrl() + "messages", anthropicBody);
    assertThat(anthropic.statusCode()).isEqualTo(413);
    assertThat(Json.MAPPER.readTree(anthropic.body())).isEqualTo(Json.MAPPER.readTree(
        "{\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum size\"}}"));

    byte[] openAiBody = new byte[Math.toIntExact(ProviderLimits.OPENAI_MAX_REQUEST_BYTES) + 1];
    Arrays.fill(openAiBody, (byte) ' ');
    HttpResponse<String> openAi = post(provider.openAiUrl() + "/chat/completions", openAiBody);
    assertThat(openAi.statusCode()).isEqualTo(413);
    assertThat(openAi.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(openAi.body()).contains("<title>413 Request Entity Too Large</title>");
    assertThat(provider.requestCount() - before).as("both counted as calls").isEqualTo(2);
  }

  @Test
  void openAiRefusesAnImageOver20MbAndAFormatItDoesNotRead() throws Exception {
    byte[] jpeg = TestImages.plain("jpeg", 64, 64);
    HttpResponse<String> heavy = post(provider.openAiUrl() + "/chat/completions",
        openAi("image/jpeg", TestImages.padded(jpeg, ProviderLimits.OPENAI_MAX_IMAGE_BYTES + 1)));
    assertThat(heavy.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(heavy.body())).isEqualTo(Json.MAPPER.readTree("""
        {"error": {"message": "You uploaded an unsupported image. Please make sure your image is below 20 MB in size and \
        is of one the following formats: ['png', 'jpeg', 'gif', 'webp'].", "type": "invalid_request_error", "param": null, \
        "code": "sanitizer_server_error"}}"""));
    assertThat(ProviderLimits.openAi(openAi("image/jpeg", TestImages.padded(jpeg, ProviderLimits.OPENAI_MAX_IMAGE_BYTES))))
        .isEmpty();

    HttpResponse<String> bmp = post(provider.openAiUrl() + "/chat/completions",
        openAi("image/bmp", TestImages.plain("bmp", 16, 16)));
    assertThat(bmp.statusCode()).isEqualTo(400);
    JsonNode error = Json.MAPPER.readTree(bmp.body()).path("error");
    assertThat(error.path("message").asText()).isEqualTo("You uploaded an unsupported image. Please make sure your image "
        + "has of one the following formats: ['png', 'jpeg', 'gif', 'webp'].");
    assertThat(error.path("code").asText()).isEqualTo("invalid_image_format");
  }

  @Test
  void whatIsWithinTheLimitsIsAnswered() throws Exception {
    byte[] shared;
    try (var files = Files.list(Fixtures.sharedDir().resolve("eval/images"))) {
      shared = Files.readAllBytes(files.sorted().findFirst().orElseThrow());
    }
    HttpResponse<String> claude = post(provider.anthropicUrl() + "messages",
        anthropic(List.of(block("image/jpeg", shared))));
    assertThat(claude.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(claude.body()).path("type").asText()).isEqualTo("message");
    HttpResponse<String> gpt = post(provider.openAiUrl() + "/chat/completions", openAi("image/jpeg", shared));
    assertThat(gpt.statusCode()).isEqualTo(200);
  }

  private static ObjectNode block(String mediaType, byte[] bytes) {
    return block(mediaType, Base64.getEncoder().encodeToString(bytes));
  }

  private static ObjectNode block(String mediaType, String data) {
    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "image");
    block.putObject("source").put("type", "base64").put("media_type", mediaType).put("data", data);
    return block;
  }

  /** A Messages API request, as langchain4j writes it: the images, then the prompt. */
  private static ObjectNode anthropic(List<ObjectNode> images) {
    ObjectNode request = Json.MAPPER.createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 4096);
    ArrayNode content = request.putArray("messages").addObject().put("role", "user").putArray("content");
    images.forEach(content::add);
    content.addObject().put("type", "text").put("text", AnalysisFormat.PROMPT);
    return request;
  }

  /** A Chat Completions request with one image as a data URL. */
  private static ObjectNode openAi(String mediaType, byte[] image) {
    ObjectNode request = Json.MAPPER.createObjectNode().put("model", "gpt-4o");
    ArrayNode content = request.putArray("messages").addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "image_url").putObject("image_url")
        .put("url", "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(image));
    content.addObject().put("type", "text").put("text", AnalysisFormat.PROMPT);
    return request;
  }

  private static HttpResponse<String> post(String url, JsonNode body) throws Exception {
    return post(url, Json.MAPPER.writeValueAsBytes(body));
  }

  private static HttpResponse<String> post(String url, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
