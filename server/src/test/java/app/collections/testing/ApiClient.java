package app.collections.testing;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** What a client of the API does, over real HTTP: get a dev token, post GraphQL, PUT to S3. */
public final class ApiClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public String token(String user) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/dev-issuer/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("user=" + user)).build());
    assertThat(response.statusCode()).isEqualTo(200);
    return read(response.body()).path("token").asText();
  }

  public JsonNode graphql(String token, String query) {
    return graphql(token, query, Map.of());
  }

  /** The response body of a GraphQL POST that must answer 200. */
  public JsonNode graphql(String token, String query, Map<String, Object> variables) {
    HttpResponse<String> response = post("/graphql", "Bearer " + token, write(Map.of("query", query, "variables", variables)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return read(response.body());
  }

  /** {@code data.<field>} of a response that must have no errors. */
  public JsonNode data(String token, String query, Map<String, Object> variables, String field) {
    JsonNode body = graphql(token, query, variables);
    assertThat(body.has("errors")).as(body.toString()).isFalse();
    return body.path("data").path(field);
  }

  public HttpResponse<String> post(String path, String authorization, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  /** What the mobile app does with createUpload's answer. Returns the HTTP status. */
  public int put(String url, JsonNode headers, byte[] bytes) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    headers.forEach(h -> request.header(h.path("name").asText(), h.path("value").asText()));
    return send(request.build()).statusCode();
  }

  public HttpResponse<byte[]> getBytes(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls a GraphQL query until its response satisfies the condition (the pipeline is async). */
  public JsonNode await(String token, String query, Map<String, Object> variables, Predicate<JsonNode> done,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last;
    do {
      last = graphql(token, query, variables);
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError("gave up waiting after " + timeout + "; last response: " + last);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An upload as the mobile app makes it: createUpload, the PUT to its presigned URL,
   * completeUpload; answers completeUpload's payload ({@code item { id status ... }, duplicate}).
   */
  public JsonNode upload(String token, String filename, String contentType, byte[] bytes) {
    JsonNode created = data(token, """
        mutation($input: CreateUploadInput!) {
          createUpload(input: $input) { uploadId uploadUrl uploadHeaders { name value } expiresAt }
        }""", Map.of("input", Map.of("filename", filename, "contentType", contentType, "byteSize", bytes.length)),
        "createUpload");
    int status = put(created.path("uploadUrl").asText(), created.path("uploadHeaders"), bytes);
    if (status != 200) {
      throw new AssertionError("the PUT of " + filename + " answered " + status);
    }
    return data(token, """
        mutation($id: ID!) {
          completeUpload(input: {uploadId: $id}) { duplicate item { id status filename width height byteSize contentType } }
        }""", Map.of("id", created.path("uploadId").asText()), "completeUpload");
  }
}
