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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local VoyageAI: {@code POST /v1/embeddings} in Voyage's wire format, so the real langchain4j
 * client runs. Vectors are hashed bags of words (1024 dimensions, unit length): texts sharing
 * words are near, which is all a test of the plumbing needs.
 */
public final class FakeVoyage implements AutoCloseable {
  public static final int DIMENSION = 1024;

  private final HttpServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> traceparents = new CopyOnWriteArrayList<>();

  public FakeVoyage() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/embeddings", this::embeddings);
    server.start();
  }

  /** Voyage's base URL as langchain4j takes it. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
  }

  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** Each request's W3C {@code traceparent} header, in order ("none" where it had none). */
  public List<String> traceparents() {
    return List.copyOf(traceparents);
  }

  private void embeddings(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
      requests.add(body);
      String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
      traceparents.add(traceparent == null ? "none" : traceparent);
      if (!("Bearer voyage-test").equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        JsonReplies.send(exchange, 401, Json.MAPPER.createObjectNode().put("detail", "Provided API key is invalid."));
        return;
      }
      ObjectNode reply = Json.MAPPER.createObjectNode().put("object", "list").put("model", body.path("model").asText());
      ArrayNode data = reply.putArray("data");
      int tokens = 0;
      for (int i = 0; i < body.path("input").size(); i++) {
        String text = body.path("input").get(i).asText();
        tokens += text.split("\\s+").length;
        ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
        ArrayNode vector = item.putArray("embedding");
        for (float v : vector(text)) {
          vector.add(v);
        }
      }
      reply.putObject("usage").put("total_tokens", tokens);
      JsonReplies.send(exchange, 200, reply);
    }
  }

  static float[] vector(String text) {
    float[] v = new float[DIMENSION];
    for (String word : text.toLowerCase().split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        v[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }


  @Override
  public void close() {
    server.stop(0);
  }
}
