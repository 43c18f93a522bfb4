package app.collections.lambda;

import app.collections.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** A GraphQL POST, or a GET without a token, as API Gateway (HTTP API, payload v2) hands it to the function. */
final class HttpApiEvent {

  private HttpApiEvent() {}

  /** {@code GET path} with no token and no body, as an uptime checker sends it. */
  static String get(String path) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "GET " + path);
    event.put("rawPath", path);
    event.put("rawQueryString", "");
    ObjectNode headers = event.putObject("headers");
    headers.put("accept", "*/*");
    headers.put("host", "abc123.execute-api.eu-west-1.amazonaws.com");
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "123456789012");
    context.put("apiId", "abc123");
    context.put("requestId", "KLbaXmPLvHcESHA=");
    context.put("routeKey", "GET " + path);
    context.put("stage", "$default");
    context.put("timeEpoch", System.currentTimeMillis());
    ObjectNode http = context.putObject("http");
    http.put("method", "GET");
    http.put("path", path);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "198.51.100.8");
    event.put("isBase64Encoded", false);
    try {
      return Json.MAPPER.writeValueAsString(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String graphqlPost(String authorization, String query) {
    return graphqlPost(authorization, query, Map.of());
  }

  /** With more headers, as the caller sent them (API Gateway lower-cases their names). */
  static String graphqlPost(String authorization, String query, Map<String, String> more) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "POST /graphql");
    event.put("rawPath", "/graphql");
    event.put("rawQueryString", "");
    ObjectNode headers = event.putObject("headers");
    headers.put("content-type", "application/json");
    headers.put("accept", "application/json");
    headers.put("host", "abc123.execute-api.eu-west-1.amazonaws.com");
    if (authorization != null) {
      headers.put("authorization", authorization);
    }
    more.forEach(headers::put);
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "123456789012");
    context.put("apiId", "abc123");
    context.put("requestId", "JKJaXmPLvHcESHA=");
    context.put("routeKey", "POST /graphql");
    context.put("stage", "$default");
    context.put("timeEpoch", System.currentTimeMillis());
    ObjectNode http = context.putObject("http");
    http.put("method", "POST");
    http.put("path", "/graphql");
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "198.51.100.7");
    try {
      event.put("body", Json.MAPPER.writeValueAsString(Map.of("query", query)));
      return Json.MAPPER.writeValueAsString(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
