package app.collections.http;

import app.collections.graphql.ApiException;
import app.collections.graphql.GraphqlRequest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a GraphQL request's parameters as the GraphQL-over-HTTP spec defines them, strictly: a
 * {@code query} of 0 or {@code false} is refused rather than coerced to the string "0" (Jackson's
 * binding would), and {@code variables} and {@code extensions} must be maps (or null). POST bodies
 * are a JSON object; GETs carry the same names in the query string, maps as JSON text.
 */
final class GraphqlRequestReader {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final ObjectMapper json;

  GraphqlRequestReader(ObjectMapper json) {
    this.json = json;
  }

  GraphqlRequest fromBody(byte[] body) {
    JsonNode root;
    try {
      root = body.length == 0 ? null : json.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw ApiException.badInput(
          "The body must be JSON like {\"query\": \"...\", \"variables\": {...}, \"operationName\": \"...\"}");
    }
    return new GraphqlRequest(string(root, "query"), string(root, "operationName"), map(root, "variables"),
        map(root, "extensions"));
  }

  GraphqlRequest fromQueryString(MultivaluedMap<String, String> parameters) {
    return new GraphqlRequest(parameters.getFirst("query"), parameters.getFirst("operationName"),
        jsonMap(parameters.getFirst("variables"), "variables"), jsonMap(parameters.getFirst("extensions"), "extensions"));
  }

  private static String string(JsonNode root, String name) {
    JsonNode value = root.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badInput("The " + name + " parameter must be a string");
    }
    return value.textValue();
  }

  private Map<String, Object> map(JsonNode root, String name) {
    JsonNode value = root.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw ApiException.badInput("The " + name + " parameter must be a JSON object");
    }
    return json.convertValue(value, MAP);
  }

  private Map<String, Object> jsonMap(String text, String name) {
    if (text == null || text.isBlank()) {
      return null;
    }
    JsonNode value;
    try {
      value = json.readTree(text);
    } catch (IOException e) {
      throw ApiException.badInput("The " + name + " parameter must be a JSON object");
    }
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw ApiException.badInput("The " + name + " parameter must be a JSON object");
    }
    return json.convertValue(value, MAP);
  }
}
