package app.collections.tools.importer;

import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Uploads a folder of images through the public API, exactly as the mobile app does
 * (createUpload, PUT to the presigned URL, completeUpload), so imports get the same checks,
 * deduplication and analysis. Re-running is safe: images already there come back as duplicates.
 */
public final class FolderImporter {
  static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp", "heic");
  private static final String CREATE = """
      mutation($input: CreateUploadInput!) { createUpload(input: $input) { uploadId uploadUrl uploadHeaders { name value } } }""";
  private static final String COMPLETE = """
      mutation($id: ID!) { completeUpload(input: {uploadId: $id}) { duplicate item { id } } }""";
  private static final String STATUS = """
      query($id: ID!) { node(id: $id) { ... on Item { status lastError } } }""";

  /**
   * How many times one call waits out a 429 (RATE_LIMITED, Retry-After) before giving up: a large
   * folder spends the request bucket (burst 100, 600 a minute by default) and then goes at its rate.
   */
  static final int MAX_RATE_LIMITED_WAITS = 120;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI graphql;
  private final String token;

  public FolderImporter(URI baseUrl, String token) {
    this.graphql = baseUrl.resolve("/graphql");
    this.token = token;
  }

  /** What became of each file. */
  public record Summary(List<String> added, List<String> duplicates, Map<String, String> rejected,
      List<String> itemIds) {}

  /** The files an import would upload, in name order. */
  public static List<Path> images(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).filter(f -> EXTENSIONS.contains(extension(f))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  public Summary upload(List<Path> files, Consumer<Path> progress) {
    List<String> added = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    List<String> itemIds = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        JsonNode completed = uploadOne(file);
        itemIds.add(completed.path("item").path("id").asText());
        (completed.path("duplicate").asBoolean() ? duplicates : added).add(name);
      } catch (RejectedException e) {
        rejected.put(name, e.getMessage());
      } catch (IOException e) {
        rejected.put(name, "could not be read: " + e.getMessage());
      }
      progress.accept(file);
    }
    return new Summary(added, duplicates, rejected, itemIds);
  }

  /** Polls until none of the items is PENDING or ANALYZING; returns their final statuses. */
  public Map<String, String> awaitAnalysis(List<String> itemIds, Duration timeout, Consumer<Integer> progress)
      throws InterruptedException {
    Map<String, String> finished = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (finished.size() < itemIds.size() && System.nanoTime() < deadline) {
      for (String id : itemIds) {
        if (finished.containsKey(id)) {
          continue;
        }
        JsonNode item = call(STATUS, Map.of("id", id)).path("data").path("node");
        String status = item.path("status").asText();
        if (status.equals("READY") || status.equals("FAILED")) {
          finished.put(id, status.equals("FAILED") ? "FAILED: " + item.path("lastError").asText() : status);
          progress.accept(finished.size());
        }
      }
      if (finished.size() < itemIds.size()) {
        Thread.sleep(500);
      }
    }
    return finished;
  }

  private JsonNode uploadOne(Path file) throws IOException, RejectedException {
    byte[] bytes = Files.readAllBytes(file);
    JsonNode created = data(call(CREATE, Map.of("input", Map.of(
        "filename", file.getFileName().toString(), "contentType", contentType(file), "byteSize", bytes.length))), "createUpload");
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(created.path("uploadUrl").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    created.path("uploadHeaders").forEach(h -> put.header(h.path("name").asText(), h.path("value").asText()));
    int status = send(put.build()).statusCode();
    if (status != 200) {
      throw new RejectedException("the storage refused the upload (HTTP " + status + ")");
    }
    return data(call(COMPLETE, Map.of("id", created.path("uploadId").asText())), "completeUpload");
  }

  private JsonNode call(String query, Map<String, Object> variables) throws UncheckedIOException {
    HttpRequest request = HttpRequest.newBuilder(graphql)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(write(Map.of("query", query, "variables", variables))))
        .build();
    HttpResponse<String> response = send(request);
    for (int waits = 0; response.statusCode() == 429 && waits < MAX_RATE_LIMITED_WAITS; waits++) {
      // The viewer's request bucket is empty: wait as long as the server says, then send again.
      sleepSeconds(response.headers().firstValueAsLong("Retry-After").orElse(1));
      response = send(request);
    }
    try {
      JsonNode body = Json.MAPPER.readTree(response.body());
      if (response.statusCode() == 401) {
        throw new IllegalStateException("the service refused the token: "
            + body.path("errors").path(0).path("message").asText());
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException("the service answered HTTP " + response.statusCode() + " without JSON");
    }
  }

  private static JsonNode data(JsonNode response, String field) throws RejectedException {
    JsonNode errors = response.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      throw new RejectedException(errors.get(0).path("message").asText());
    }
    return response.path("data").path(field);
  }

  private static void sleepSeconds(long seconds) {
    try {
      Thread.sleep(Duration.ofSeconds(Math.max(1, seconds)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + request.uri().getHost() + ":" + request.uri().getPort()
          + " (is the service running? ./dev run)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String contentType(Path file) {
    return switch (extension(file)) {
      case "jpg", "jpeg" -> "image/jpeg";
      case "png" -> "image/png";
      case "gif" -> "image/gif";
      case "webp" -> "image/webp";
      default -> "image/heic";
    };
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String write(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The service or the storage said no to one file; the message says why. */
  static final class RejectedException extends Exception {
    RejectedException(String message) {
      super(message, null, false, false);
    }
  }
}
