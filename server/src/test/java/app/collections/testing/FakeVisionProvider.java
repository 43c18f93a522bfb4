package app.collections.testing;

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
 * by its bytes to one of ../shared/eval/images, and replies with that image's golden analysis.
 * Tests script failures ahead of time: HTTP errors, malformed replies.
 */
public final class FakeVisionProvider implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, ObjectNode> goldenBySha = new HashMap<>();
  private final Deque<Integer> scriptedStatuses = new ArrayDeque<>();
  private final AtomicInteger malformedReplies = new AtomicInteger();
  private volatile Integer failForever;
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

  /** Anthropic's base URL (langchain4j appends {@code messages}). */
  public String anthropicUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
  }

  /** OpenAI's base URL (langchain4j appends {@code /chat/completions}). */
  public String openAiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The next {@code times} requests fail with this HTTP status, then replies resume. */
  public synchronized FakeVisionProvider failNext(int status, int times) {
    for (int i = 0; i < times; i++) {
      scriptedStatuses.add(status);
    }
    return this;
  }

  /** Every request fails with this status until {@link #recover()}. */
  public FakeVisionProvider failForever(int status) {
    failForever = status;
    return this;
  }

  /** The next {@code times} replies are prose, not an analysis. */
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
    scriptedStatuses.clear();
    malformedReplies.set(0);
    return this;
  }

  public int requestCount() {
    return requests.size();
  }

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
      JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
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
      Integer status = nextFailure();
      if (status != null) {
        JsonReplies.send(exchange, status, error(api, status));
        return;
      }
      byte[] image = imageOf(body, api);
      ObjectNode golden = image == null ? null : goldenBySha.get(sha256(image));
      if (golden == null) {
        JsonReplies.send(exchange, 400, error(api, 400));
        return;
      }
      String override = category;
      String text = malformedReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0
          ? "I'm sorry, here is a description of the image: a lovely place."
          : override == null ? golden.toString() : golden.deepCopy().put("category", override).toString();
      JsonReplies.send(exchange, 200, api == Api.ANTHROPIC ? anthropicReply(body, text) : openAiReply(body, text));
    }
  }

  private synchronized Integer nextFailure() {
    if (failForever != null) {
      return failForever;
    }
    return scriptedStatuses.poll();
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

  private static ObjectNode error(Api api, int status) {
    String type = switch (status) {
      case 429 -> api == Api.ANTHROPIC ? "rate_limit_error" : "rate_limit_exceeded";
      case 400 -> "invalid_request_error";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (api == Api.ANTHROPIC) {
      body.put("type", "error");
    }
    body.putObject("error").put("type", type).put("message", "scripted " + status);
    return body;
  }


  private void loadGolden() {
    Path images = Fixtures.sharedDir().resolve("eval/images");
    for (JsonNode golden : Fixtures.goldenAnalyses()) {
      Path image = images.resolve(golden.path("item_id").asText() + ".jpg");
      try {
        goldenBySha.put(sha256(Files.readAllBytes(image)), AnalysisFormat.project(golden));
      } catch (IOException e) {
        throw new UncheckedIOException("missing shared image " + image, e);
      }
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
