package app.collections.testing;

import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** The replies of the fake provider servers (vision, LLM, Voyage): JSON, and the refusals of {@link ProviderLimits}. */
final class JsonReplies {

  private JsonReplies() {}

  static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    send(exchange, status, "application/json", Json.MAPPER.writeValueAsBytes(body));
  }

  /** A provider's refusal, as it sends it (JSON, or Cloudflare's HTML page). */
  static void send(HttpExchange exchange, ProviderLimits.Refusal refusal) throws IOException {
    send(exchange, refusal.status(), refusal.contentType(), refusal.body());
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
