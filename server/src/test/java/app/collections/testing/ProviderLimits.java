package app.collections.testing;

import app.collections.images.ImageFormat;
import app.collections.json.Json;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What Anthropic's Messages API and OpenAI's Chat Completions refuse, by their documented limits,
 * and the refusal each sends back: status and body as the provider writes them (the wording is
 * quoted from real responses in public reports where the documentation gives none). The fakes
 * apply them, so a request the real provider would refuse is refused in the tests too. Issue 23:
 * the fakes took any size, and an 8.1 MB phone photo went to Claude five times before the item
 * failed as "could not be reached".
 *
 * <p>"MB" in the limits is 2^20 bytes: Anthropic's own refusal says "5 MB maximum: ... > 5242880
 * bytes"; the others are taken the same way.
 */
public final class ProviderLimits {

  // --- Anthropic: https://docs.claude.com/en/docs/vision, https://docs.claude.com/en/api/errors ---

  /**
   * Errors page: "413 - request_too_large: Request exceeds the maximum allowed number of bytes.
   * The maximum request size is 32 MB for standard API endpoints." and "The error is returned from
   * Cloudflare before the request reaches our API servers."
   */
  public static final long ANTHROPIC_MAX_REQUEST_BYTES = 32L * 1024 * 1024;
  /**
   * 5 MB an image, counted on the base64 text: the refusal reads "image exceeds 5 MB maximum:
   * 8259148 bytes > 5242880 bytes" (anthropics/claude-code#19631), and Claude Code's own limits
   * (constants/apiLimits.ts, API_IMAGE_MAX_BASE64_SIZE) say "The API rejects images where the base64
   * string length exceeds this value ... NOT raw bytes". So a photo over 3.75 MB is refused.
   */
  public static final int ANTHROPIC_MAX_IMAGE_BASE64_CHARS = 5 * 1024 * 1024;
  /** Vision page: "If you submit an image larger than 8000x8000 px, it will be rejected." */
  public static final int ANTHROPIC_MAX_EDGE_PX = 8000;
  /** Vision page: "If you submit more than 20 images in one API request, this limit is 2000x2000 px." */
  public static final int ANTHROPIC_MANY_IMAGES = 20;
  public static final int ANTHROPIC_MANY_IMAGES_MAX_EDGE_PX = 2000;
  /**
   * The media types an image block may declare; another is refused with "Input should be
   * 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'" (anthropics/claude-code#8184).
   */
  public static final List<String> ANTHROPIC_MEDIA_TYPES = List.of("image/jpeg", "image/png", "image/gif", "image/webp");

  // --- OpenAI: https://platform.openai.com/docs/guides/images-vision, "Image input requirements" ---
  // (read in a stored copy of that page: "Up to 20MB per image", "Up to 50 MB image bytes per
  // request", file types "PNG (.png) JPEG (.jpeg and .jpg) WEBP (.webp) Non-animated GIF (.gif)")

  /**
   * "Up to 50 MB image bytes per request", applied to the body: an oversized body is cut off in
   * front of the API by Cloudflare with an HTML page (anomalyco/opencode#12060: "Payload Too Large
   * (Cloudflare 413 HTML)"). With one image of at most 20 MB a request never comes near it.
   */
  public static final long OPENAI_MAX_REQUEST_BYTES = 50L * 1024 * 1024;
  /** "Up to 20MB per image", counted on the decoded bytes. */
  public static final int OPENAI_MAX_IMAGE_BYTES = 20 * 1024 * 1024;
  /** The documented file types; OpenAI sniffs the bytes and does not hold the data URL's type against them. */
  public static final Set<ImageFormat> OPENAI_FORMATS =
      EnumSet.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP, ImageFormat.GIF);

  private static final String OPENAI_UNSUPPORTED_FORMATS = "['png', 'jpeg', 'gif', 'webp']";

  private ProviderLimits() {}

  /** A refusal as the provider sends it. */
  public record Refusal(int status, String contentType, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Reads a request body as the providers do: a base64 image of up to 50 MB is one JSON string,
   * past Jackson's default cap of 20 million characters a string (StreamReadConstraints).
   */
  private static final ObjectMapper WIRE = wire();

  private static ObjectMapper wire() {
    ObjectMapper mapper = Json.MAPPER.copy();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build());
    return mapper;
  }

  /** A request body as JSON, however long its image. */
  static JsonNode readJson(byte[] body) throws IOException {
    return WIRE.readTree(body);
  }

  /**
   * The request body, or null when it is longer than {@code max}: what is past the limit is read
   * and dropped, never held.
   */
  static byte[] readBody(InputStream in, long max) throws IOException {
    byte[] head = in.readNBytes(Math.toIntExact(max + 1));
    if (head.length <= max) {
      return head;
    }
    in.transferTo(OutputStream.nullOutputStream());
    return null;
  }

  /**
   * Anthropic's answer to a body over 32 MB, as Cloudflare sends it: no top-level type and no
   * request id (seen in vybestack/llxprt-code#2169 and anomalyco/opencode#12060:
   * {@code {"error":{"type":"request_too_large","message":"Request exceeds the maximum size"}}}).
   */
  public static Refusal anthropicTooLarge() {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putObject("error").put("type", "request_too_large").put("message", "Request exceeds the maximum size");
    return json(413, body);
  }

  /**
   * The first image of a Messages API request that Anthropic refuses, if any: the 400
   * invalid_request_error whose message names the block by its JSON path, worded as the API words
   * it (each quoted from a real response, cited where it is built).
   */
  public static Optional<Refusal> anthropic(JsonNode request) {
    int images = 0;
    for (JsonNode message : request.path("messages")) {
      for (JsonNode part : message.path("content")) {
        if ("image".equals(part.path("type").asText())) {
          images++;
        }
      }
    }
    int maxEdge = images > ANTHROPIC_MANY_IMAGES ? ANTHROPIC_MANY_IMAGES_MAX_EDGE_PX : ANTHROPIC_MAX_EDGE_PX;
    JsonNode messages = request.path("messages");
    for (int m = 0; m < messages.size(); m++) {
      JsonNode content = messages.get(m).path("content");
      for (int c = 0; c < content.size(); c++) {
        JsonNode source = content.get(c).path("source");
        if (!"image".equals(content.get(c).path("type").asText()) || !"base64".equals(source.path("type").asText())) {
          continue;
        }
        String path = "messages." + m + ".content." + c + ".image.source.base64";
        String mediaType = source.path("media_type").asText();
        if (!ANTHROPIC_MEDIA_TYPES.contains(mediaType)) {
          return Optional.of(anthropicInvalid(path + ".media_type: Input should be "
              + "'image/jpeg', 'image/png', 'image/gif' or 'image/webp'"));
        }
        String data = source.path("data").asText();
        if (data.length() > ANTHROPIC_MAX_IMAGE_BASE64_CHARS) {
          // anthropics/claude-code#10612: "messages.0.content.2.image.source.base64: image exceeds
          // 5 MB maximum: 15908784 bytes > 5242880 bytes"
          return Optional.of(anthropicInvalid(path + ": image exceeds 5 MB maximum: " + data.length()
              + " bytes > " + ANTHROPIC_MAX_IMAGE_BASE64_CHARS + " bytes"));
        }
        byte[] bytes = Base64.getDecoder().decode(data);
        Optional<ImageFormat> format = ImageFormat.sniff(bytes);
        if (format.isPresent() && !format.get().contentType().equals(mediaType)) {
          // anthropics/claude-code#13131: "messages.18.content.1.image.source.base64.data: Image
          // does not match the provided media type image/png"
          return Optional.of(anthropicInvalid(path + ".data: Image does not match the provided media type " + mediaType));
        }
        Optional<Size> size = size(bytes);
        if (size.isPresent() && (size.get().width() > maxEdge || size.get().height() > maxEdge)) {
          // anthropics/claude-code#4778: "messages.7.content.2.image.source.base64.data: At least one
          // of the image dimensions exceed max allowed size: 8000 pixels"; #17513 for the
          // many-image one: "... exceed max allowed size for many-image requests: 2000 pixels"
          return Optional.of(anthropicInvalid(path + ".data: At least one of the image dimensions exceed max allowed size"
              + (maxEdge == ANTHROPIC_MAX_EDGE_PX ? "" : " for many-image requests") + ": " + maxEdge + " pixels"));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A 400 in the shape the errors page gives ("Errors are always returned as JSON, with a
   * top-level error object that always includes a type and message value. The response also
   * includes a request_id field").
   */
  public static Refusal anthropicInvalid(String message) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("type", "error");
    body.putObject("error").put("type", "invalid_request_error").put("message", message);
    body.put("request_id", "req_fake" + Long.toHexString(System.nanoTime()));
    return json(400, body);
  }

  /**
   * OpenAI's answer to a body over 50 MB: Cloudflare's HTML page, not JSON (anomalyco/opencode#12060),
   * the page nginx-style servers write for a 413.
   */
  public static Refusal openAiTooLarge() {
    String page = "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
        + "<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
    return new Refusal(413, "text/html", page.getBytes(StandardCharsets.UTF_8));
  }

  /** The first image of a Chat Completions request that OpenAI refuses, if any. */
  public static Optional<Refusal> openAi(JsonNode request) {
    for (JsonNode message : request.path("messages")) {
      for (JsonNode part : message.path("content")) {
        String url = part.path("image_url").path("url").asText();
        if (!"image_url".equals(part.path("type").asText()) || !url.startsWith("data:")) {
          continue;
        }
        byte[] bytes = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
        if (bytes.length > OPENAI_MAX_IMAGE_BYTES) {
          // CosmosShadow/gptpdf#6 (its code as reported; OpenAI's wording, "of one the", as sent)
          return Optional.of(openAiInvalid("You uploaded an unsupported image. Please make sure your image is below 20 MB "
              + "in size and is of one the following formats: " + OPENAI_UNSUPPORTED_FORMATS + ".", "sanitizer_server_error"));
        }
        if (ImageFormat.sniff(bytes).filter(OPENAI_FORMATS::contains).isEmpty()) {
          // STranslate/STranslate#277
          return Optional.of(openAiInvalid("You uploaded an unsupported image. Please make sure your image has of one "
              + "the following formats: " + OPENAI_UNSUPPORTED_FORMATS + ".", "invalid_image_format"));
        }
      }
    }
    return Optional.empty();
  }

  /** A 400 in OpenAI's shape: {@code {"error":{"message","type","param","code"}}}. */
  public static Refusal openAiInvalid(String message, String code) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param")
        .put("code", code);
    return json(400, body);
  }

  /** An image's width and height. */
  public record Size(int width, int height) {}

  /** The size an image's header states (its pixels are not decoded); empty when no reader knows the format. */
  public static Optional<Size> size(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return Optional.of(new Size(reader.getWidth(0), reader.getHeight(0)));
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Refusal json(int status, JsonNode body) {
    try {
      return new Refusal(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
