package app.collections.ratelimit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/** Fires GraphQL POSTs in waves of concurrent requests, as a client spending its budget would. */
final class ConcurrentPosts {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * {@code total} POSTs of {@code body}, {@code concurrency} at a time, the i-th to
   * {@code baseUrl.apply(i)}; every response, in order.
   */
  List<HttpResponse<String>> fire(int total, int concurrency, IntFunction<String> baseUrl, String token, String body) {
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int wave = 0; wave < total; wave += concurrency) {
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = wave; i < Math.min(total, wave + concurrency); i++) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.apply(i) + "/graphql"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
      }
      inFlight.forEach(f -> responses.add(f.join()));
    }
    return responses;
  }

  static long count(List<HttpResponse<String>> responses, int status) {
    return responses.stream().filter(r -> r.statusCode() == status).count();
  }
}
