package app.collections.testing;


import app.collections.images.RejectedImageException;
import app.collections.images.Renderer;
import app.collections.images.Rendition;
import app.collections.json.Json;
import app.collections.vision.AnalysisFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vision provider on loopback that speaks the real wire formats — Anthropic's Messages API
 * ({@code POST /v1/messages}) and OpenAI's Chat Completions ({@code POST /v1/chat/completions}) — so
 * the real langchain4j clients run against it. It finds the base64 image in the request, matches it
 * by its bytes to one of ../shared/eval/images or to its preview (what the pipeline sends), and
 * replies with that image's golden analysis.
 * It refuses what the real provider refuses ({@link ProviderLimits}: body and image sizes, pixel
 * dimensions, media types), with the provider's own status and error body. Tests script failures
 * ahead of time: HTTP errors (with the provider's message where it matters), malformed replies.
 */
public final class FakeVisionProvider implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, ObjectNode> goldenBySha = new HashMap<>();
  private volatile ObjectNode others;
  private final Deque<Scripted> scripted = new ArrayDeque<>();
  /** Every request, read or refused unread for its size. */
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger malformedReplies = new AtomicInteger();
  private volatile Scripted failForever;
  private volatile String category;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
  /** Replies left before requests are held (never answered until {@link #recover()}); -1: none held. */
  private final AtomicInteger repliesBeforeHold = new AtomicInteger(-1);
  private volatile java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(0);

  public FakeVisionProvider() {
    loadGolden();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.createContext("/v1/messages", exchange -> handle(exchange, Api.ANTHROPIC));
    server.createContext("/v1/chat/completions", exchange -> handle(exchange, Api.OPENAI));
    server.start();
  }

  private enum Api { ANTHROPIC, OPENAI }

  /** A scripted failure: its status, and the provider's message (null: "scripted" and the status). */
  private record Scripted(int status, String message) {}

  /** Anthropic's base URL (langchain4j appends {@code messages}). */
  public String anthropicUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
  }

  /** OpenAI's base URL (langchain4j appends {@code /chat/completions}). */
  public String openAiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The next {@code times} requests fail with this HTTP status, then replies resume. */
  public FakeVisionProvider failNext(int status, int times) {
    return failNext(status, null, times);
  }

  /**
   * The next {@code times} requests fail with this HTTP status and this message in the provider's
   * error body (a refusal the test controls: {@code 400} and Anthropic's wording of an image over 5 MB,
   * whatever image the request carries).
   */
  public synchronized FakeVisionProvider failNext(int status, String message, int times) {
    for (int i = 0; i < times; i++) {
      scripted.add(new Scripted(status, message));
    }
    return this;
  }

  /** Every request fails with this status until {@link #recover()}. */
  public FakeVisionProvider failForever(int status) {
    failForever = new Scripted(status, null);
    return this;
  }

  /** The next {@code times} replies are prose, not an analysis. */
  /**
   * Replies to an image that is none of the labelled ones (a test's own) with {@code analysis},
   * instead of refusing it; null refuses them again.
   */
  public FakeVisionProvider replyToOthers(ObjectNode analysis) {
    this.others = analysis;
    return this;
  }

  public FakeVisionProvider replyMalformed(int times) {
    malformedReplies.set(times);
    return this;
  }

  /** Replies carry this category instead of the golden one (null: the golden one again). */
  public FakeVisionProvider replyWithCategory(String category) {
    this.category = category;
    return this;
  }

  /**
   * Answers the next {@code replies} requests, then holds every later one unanswered until
   * {@link #recover()}: analyses that stay in flight, for a test to kill the service under.
   */
  public FakeVisionProvider holdAfter(int replies) {
    hold = new java.util.concurrent.CountDownLatch(1);
    repliesBeforeHold.set(replies);
    return this;
  }

  public synchronized FakeVisionProvider recover() {
    repliesBeforeHold.set(-1);
    hold.countDown();
    failForever = null;
    category = null;
    scripted.clear();
    malformedReplies.set(0);
    return this;
  }

  /** Requests received, those refused unread for their size (Cloudflare's 413) included. */
  public int requestCount() {
    return calls.get();
  }

  /** The bodies of the requests read (all but those refused for their size). */
  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  public List<Map<String, String>> requestHeaders() {
    return List.copyOf(headers);
  }

  /** The golden analysis (in the stored format) of a shared image, by its bytes. */
  public ObjectNode goldenFor(byte[] image) {
    return goldenBySha.get(sha256(image));
  }

  private void handle(HttpExchange exchange, Api api) throws IOException {
    try (exchange) {
      calls.incrementAndGet();
      // Cloudflare, in front of both APIs, refuses an oversized body before the API sees it.
      byte[] raw = ProviderLimits.readBody(exchange.getRequestBody(),
          api == Api.ANTHROPIC ? ProviderLimits.ANTHROPIC_MAX_REQUEST_BYTES : ProviderLimits.OPENAI_MAX_REQUEST_BYTES);
      if (raw == null) {
        JsonReplies.send(exchange, api == Api.ANTHROPIC ? ProviderLimits.anthropicTooLarge() : ProviderLimits.openAiTooLarge());
        return;
      }
      JsonNode body = ProviderLimits.readJson(raw);
      requests.add(body);
      headers.add(Map.of(
          "x-api-key", String.valueOf(exchange.getRequestHeaders().getFirst("x-api-key")),
          "anthropic-version", String.valueOf(exchange.getRequestHeaders().getFirst("anthropic-version")),
          "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
          "traceparent", String.valueOf(exchange.getRequestHeaders().getFirst("traceparent"))));
      if (repliesBeforeHold.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      // A scripted outage or rate limit is the provider's state: it answers so whatever was sent.
      Scripted failure = nextFailure();
      if (failure != null) {
        JsonReplies.send(exchange, failure.status(), error(api, failure));
        return;
      }
      var refused = api == Api.ANTHROPIC ? ProviderLimits.anthropic(body) : ProviderLimits.openAi(body);
      if (refused.isPresent()) {
        JsonReplies.send(exchange, refused.get());
        return;
      }
      byte[] image = imageOf(body, api);
      ObjectNode golden = image == null ? null : goldenBySha.getOrDefault(sha256(image), others);
      if (golden == null) {
        JsonReplies.send(exchange, 400, error(api, new Scripted(400, null)));
        return;
      }
      String override = category;
      String text = malformedReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0
          ? "I'm sorry, here is a description of the image: a lovely place."
          : override == null ? golden.toString() : golden.deepCopy().put("category", override).toString();
      JsonReplies.send(exchange, 200, api == Api.ANTHROPIC ? anthropicReply(body, text) : openAiReply(body, text));
    }
  }

  private synchronized Scripted nextFailure() {
    if (failForever != null) {
      return failForever;
    }
    return scripted.poll();
  }

  private static byte[] imageOf(JsonNode body, Api api) {
    for (JsonNode message : body.path("messages")) {
      for (JsonNode part : message.path("content")) {
        if (api == Api.ANTHROPIC && "image".equals(part.path("type").asText())) {
          return Base64.getDecoder().decode(part.path("source").path("data").asText());
        }
        if (api == Api.OPENAI && "image_url".equals(part.path("type").asText())) {
          String url = part.path("image_url").path("url").asText();
          return Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
        }
      }
    }
    return null;
  }

  private static ObjectNode anthropicReply(JsonNode request, String text) {
    ObjectNode reply = Json.MAPPER.createObjectNode();
    reply.put("id", "msg_" + System.nanoTime());
    reply.put("type", "message");
    reply.put("role", "assistant");
    reply.put("model", request.path("model").asText());
    reply.putArray("content").addObject().put("type", "text").put("text", text);
    reply.put("stop_reason", "end_turn");
    reply.putNull("stop_sequence");
    reply.putObject("usage").put("input_tokens", 1568).put("output_tokens", 612);
    return reply;
  }

  private static ObjectNode openAiReply(JsonNode request, String text) {
    ObjectNode reply = Json.MAPPER.createObjectNode();
    reply.put("id", "chatcmpl-" + System.nanoTime());
    reply.put("object", "chat.completion");
    reply.put("created", System.currentTimeMillis() / 1000);
    reply.put("model", request.path("model").asText());
    ObjectNode choice = reply.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text);
    choice.put("finish_reason", "stop");
    reply.putObject("usage").put("prompt_tokens", 1301).put("completion_tokens", 598).put("total_tokens", 1899);
    return reply;
  }

  /** A scripted error, typed by its status as https://docs.claude.com/en/api/errors lists them. */
  private static ObjectNode error(Api api, Scripted failure) {
    int status = failure.status();
    String type = switch (status) {
      case 429 -> api == Api.ANTHROPIC ? "rate_limit_error" : "rate_limit_exceeded";
      case 400, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (api == Api.ANTHROPIC) {
      body.put("type", "error");
    }
    body.putObject("error").put("type", type)
        .put("message", failure.message() == null ? "scripted " + status : failure.message());
    return body;
  }


  private void loadGolden() {
    goldenBySha.putAll(Golden.BY_SHA);
  }

  /**
   * The golden analyses by the sha256 of the bytes a vision model can be sent: each shared image as
   * it is, and its preview (what the pipeline sends, made by the service's own renderer, which
   * encodes the same pixels to the same bytes on the same JDK). Made once per JVM (55 renders, ~3 s).
   */
  private static final class Golden {
    static final Map<String, ObjectNode> BY_SHA = load();

    private static Map<String, ObjectNode> load() {
      Map<String, ObjectNode> bySha = new HashMap<>();
      Path images = Fixtures.sharedDir().resolve("eval/images");
      Renderer renderer = new Renderer();
      for (JsonNode golden : Fixtures.goldenAnalyses()) {
        Path image = images.resolve(golden.path("item_id").asText() + ".jpg");
        try {
          byte[] bytes = Files.readAllBytes(image);
          ObjectNode analysis = AnalysisFormat.project(golden);
          bySha.put(sha256(bytes), analysis);
          bySha.put(sha256(renderer.render(bytes).get(Rendition.PREVIEW).jpeg()), analysis);
        } catch (IOException e) {
          throw new UncheckedIOException("missing shared image " + image, e);
        } catch (RejectedImageException e) {
          throw new IllegalStateException("a shared image does not render: " + image, e);
        }
      }
      return Map.copyOf(bySha);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    hold.countDown();
    server.stop(0);
  }

}
