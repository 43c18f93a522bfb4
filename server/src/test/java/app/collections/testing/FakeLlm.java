package app.collections.testing;


import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A chat model on loopback that speaks the real wire formats with tool calling — Anthropic's
 * Messages API ({@code tool_use} / {@code tool_result} content blocks) and OpenAI's Chat
 * Completions ({@code tool_calls}, {@code role: tool}) — so the real langchain4j clients run
 * against it. A test scripts it with a function from the request (seen through {@link Exchange},
 * the same for both APIs) to a {@link Reply}.
 */
public final class FakeLlm implements AutoCloseable {

  public enum Api { ANTHROPIC, OPENAI }

  /** What the model answers: text, or tool calls. */
  public sealed interface Reply {}

  public record Text(String text) implements Reply {}

  public record ToolCalls(List<Call> calls) implements Reply {}

  public record Call(String name, Map<String, Object> arguments) {}

  public static Reply text(String text) {
    return new Text(text);
  }

  public static Reply call(String name, Map<String, Object> arguments) {
    return new ToolCalls(List.of(new Call(name, arguments)));
  }

  /** A request, read the same way whichever API it came through. */
  public record Exchange(Api api, JsonNode body) {
    /** The messages as (role, text) pairs: user, assistant, tool (results) — system excluded. */
    public List<Map.Entry<String, String>> turns() {
      List<Map.Entry<String, String>> turns = new ArrayList<>();
      for (JsonNode message : body.path("messages")) {
        String role = message.path("role").asText();
        if (role.equals("system")) {
          continue;
        }
        JsonNode content = message.path("content");
        if (api == Api.OPENAI && role.equals("tool")) {
          turns.add(Map.entry("tool", content.asText()));
        } else if (api == Api.OPENAI && message.has("tool_calls")) {
          message.path("tool_calls").forEach(c -> turns.add(Map.entry("tool_call",
              c.path("function").path("name").asText() + " " + c.path("function").path("arguments").asText())));
        } else if (content.isTextual()) {
          turns.add(Map.entry(role, content.asText()));
        } else {
          for (JsonNode block : content) {
            switch (block.path("type").asText()) {
              case "text" -> turns.add(Map.entry(role, block.path("text").asText()));
              case "tool_result" -> turns.add(Map.entry("tool", toolResultText(block.path("content"))));
              case "tool_use" -> turns.add(Map.entry("tool_call",
                  block.path("name").asText() + " " + block.path("input").toString()));
              default -> { }
            }
          }
        }
      }
      return turns;
    }

    /** The text of the user's newest message. */
    public String lastUserText() {
      List<Map.Entry<String, String>> turns = turns();
      for (int i = turns.size() - 1; i >= 0; i--) {
        if (turns.get(i).getKey().equals("user")) {
          return turns.get(i).getValue();
        }
      }
      return "";
    }

    /** The tool results the model has been given since the user's newest message. */
    public List<String> toolResultsSinceUser() {
      List<Map.Entry<String, String>> turns = turns();
      List<String> results = new ArrayList<>();
      for (int i = turns.size() - 1; i >= 0 && !turns.get(i).getKey().equals("user"); i--) {
        if (turns.get(i).getKey().equals("tool")) {
          results.addFirst(turns.get(i).getValue());
        }
      }
      return results;
    }

    /** The names of the tools the request offers. */
    public List<String> toolNames() {
      List<String> names = new ArrayList<>();
      body.path("tools").forEach(t -> names.add(api == Api.ANTHROPIC ? t.path("name").asText()
          : t.path("function").path("name").asText()));
      return names;
    }

    private static String toolResultText(JsonNode content) {
      if (content.isTextual()) {
        return content.asText();
      }
      StringBuilder text = new StringBuilder();
      content.forEach(b -> text.append(b.path("text").asText()));
      return text.toString();
    }
  }

  private final HttpServer server;
  private final List<Exchange> requests = new CopyOnWriteArrayList<>();
  private final List<String> traceparents = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Function<Exchange, Reply> script = e -> text("ok");
  private volatile long delayMillis;
  private final LongAdder handlingNanos = new LongAdder();

  public FakeLlm() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/v1/messages", exchange -> handle(exchange, Api.ANTHROPIC));
    server.createContext("/v1/chat/completions", exchange -> handle(exchange, Api.OPENAI));
    server.start();
  }

  /** Anthropic's base URL (langchain4j appends {@code messages}). */
  public String anthropicUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
  }

  /** OpenAI's base URL (langchain4j appends {@code /chat/completions}). */
  public String openAiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public FakeLlm script(Function<Exchange, Reply> script) {
    this.script = script;
    requests.clear();
    traceparents.clear();
    return this;
  }

  /** Every reply waits this long first (a slow model, for races). */
  public FakeLlm delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** Time spent answering, delays included: the "model latency" of its requests. */
  public long handlingNanos() {
    return handlingNanos.sum();
  }

  public List<Exchange> requests() {
    return List.copyOf(requests);
  }

  /** Each request's W3C {@code traceparent} header, in order ("none" where it had none). */
  public List<String> traceparents() {
    return List.copyOf(traceparents);
  }

  private void handle(HttpExchange exchange, Api api) throws IOException {
    long started = System.nanoTime();
    try (exchange) {
      // The request size limits of the real APIs (ProviderLimits), refused as they refuse them.
      byte[] raw = ProviderLimits.readBody(exchange.getRequestBody(),
          api == Api.ANTHROPIC ? ProviderLimits.ANTHROPIC_MAX_REQUEST_BYTES : ProviderLimits.OPENAI_MAX_REQUEST_BYTES);
      if (raw == null) {
        JsonReplies.send(exchange, api == Api.ANTHROPIC ? ProviderLimits.anthropicTooLarge() : ProviderLimits.openAiTooLarge());
        return;
      }
      Exchange request = new Exchange(api, ProviderLimits.readJson(raw));
      requests.add(request);
      String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
      traceparents.add(traceparent == null ? "none" : traceparent);
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      Reply reply = script.apply(request);
      JsonReplies.send(exchange, 200, api == Api.ANTHROPIC ? anthropic(request.body(), reply) : openAi(request.body(), reply));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A script that throws is a test bug: answer like a provider error so the test sees it.
      ObjectNode error = Json.MAPPER.createObjectNode();
      error.put("type", "error");
      error.putObject("error").put("type", "api_error").put("message", String.valueOf(e));
      JsonReplies.send(exchange, 500, error);
    } finally {
      handlingNanos.add(System.nanoTime() - started);
    }
  }

  private ObjectNode anthropic(JsonNode request, Reply reply) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("id", "msg_" + ids.incrementAndGet());
    body.put("type", "message");
    body.put("role", "assistant");
    body.put("model", request.path("model").asText());
    ArrayNode content = body.putArray("content");
    switch (reply) {
      case Text t -> {
        content.addObject().put("type", "text").put("text", t.text());
        body.put("stop_reason", "end_turn");
      }
      case ToolCalls calls -> {
        for (Call call : calls.calls()) {
          ObjectNode use = content.addObject().put("type", "tool_use").put("id", "toolu_" + ids.incrementAndGet())
              .put("name", call.name());
          use.set("input", Json.MAPPER.valueToTree(call.arguments()));
        }
        body.put("stop_reason", "tool_use");
      }
    }
    body.putNull("stop_sequence");
    body.putObject("usage").put("input_tokens", 900).put("output_tokens", 60);
    return body;
  }

  private ObjectNode openAi(JsonNode request, Reply reply) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("id", "chatcmpl-" + ids.incrementAndGet());
    body.put("object", "chat.completion");
    body.put("created", System.currentTimeMillis() / 1000);
    body.put("model", request.path("model").asText());
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    switch (reply) {
      case Text t -> {
        message.put("content", t.text());
        choice.put("finish_reason", "stop");
      }
      case ToolCalls calls -> {
        message.putNull("content");
        ArrayNode toolCalls = message.putArray("tool_calls");
        for (Call call : calls.calls()) {
          ObjectNode c = toolCalls.addObject().put("id", "call_" + ids.incrementAndGet()).put("type", "function");
          try {
            c.putObject("function").put("name", call.name()).put("arguments", Json.MAPPER.writeValueAsString(call.arguments()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        choice.put("finish_reason", "tool_calls");
      }
    }
    body.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 60).put("total_tokens", 960);
    return body;
  }


  @Override
  public void close() {
    server.stop(0);
  }
}
