package app.collections.ratelimit;

import app.collections.server.ServerConfiguration;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.CollectionsConfiguration;
import app.collections.auth.AuthConfiguration;
import app.collections.local.auth.DevIssuer;
import app.collections.testing.ApiClient;
import app.collections.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers sharing one database, as two Lambda containers do, with the PostgreSQL store: 300
 * requests, 30 at a time, spread over both, and exactly the burst pass between them. Both trust
 * the same dev-issuer key, so one token works on either.
 */
class RateLimitAcrossContainersTest {
  static final int REQUEST_BURST = 40;

  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  private static final Path[] DATA_DIRS = dataDirsSharingOneIssuerKey();

  @RegisterExtension @Order(2) static final DropwizardAppExtension<ServerConfiguration> first = container(0);
  @RegisterExtension @Order(3) static final DropwizardAppExtension<ServerConfiguration> second = container(1);

  @Test
  void ofThreeHundredConcurrentRequestsOverTwoContainersExactlyTheBurstPass() {
    String token = new ApiClient(first.getLocalPort()).token("shared");
    String[] bases = {"http://127.0.0.1:" + first.getLocalPort(), "http://127.0.0.1:" + second.getLocalPort()};
    List<HttpResponse<String>> responses = new ConcurrentPosts().fire(300, 30, i -> bases[i % 2], token,
        "{\"query\": \"{ viewer { id } }\"}");

    assertThat(ConcurrentPosts.count(responses, 200)).isEqualTo(REQUEST_BURST);
    assertThat(ConcurrentPosts.count(responses, 429)).isEqualTo(300 - REQUEST_BURST);
    // Both containers answered some of the granted ones and refused some: they share the bucket.
    assertThat(Stream.of(0, 1).map(c -> responses.stream()
        .filter(r -> r.uri().getPort() == (c == 0 ? first : second).getLocalPort())
        .map(HttpResponse::statusCode).distinct().sorted().toList()))
        .allSatisfy(statuses -> assertThat(statuses).containsExactly(200, 429));
    double left = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT requests FROM rate_limit_buckets WHERE user_id = 'shared'").mapTo(Double.class).one());
    assertThat(left).isLessThan(1.0);
  }

  private static DropwizardAppExtension<ServerConfiguration> container(int index) {
    return new DropwizardAppExtension<>(
        CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
        ConfigOverride.config("database.url", () -> db.url()),
        ConfigOverride.config("dataDir", DATA_DIRS[index].toString()),
        ConfigOverride.config("rateLimits.store", "postgres"),
        ConfigOverride.config("rateLimits.requests.burst", Integer.toString(REQUEST_BURST)),
        // A token per 100 minutes: none comes back while the test runs.
        ConfigOverride.config("rateLimits.requests.perMinute", "0.01"));
  }

  /** Each server its own data folder (S3, dynalite), with the same dev-issuer signing key. */
  private static Path[] dataDirsSharingOneIssuerKey() {
    try {
      Path a = Files.createTempDirectory("collections-container-a-");
      Path b = Files.createTempDirectory("collections-container-b-");
      DevIssuer.loadOrCreate(a, new AuthConfiguration.DevIssuerConfiguration());
      Path keys = a.resolve("dev-issuer");
      Files.createDirectories(b.resolve("dev-issuer"));
      try (Stream<Path> files = Files.list(keys)) {
        for (Path file : files.toList()) {
          Files.copy(file, b.resolve("dev-issuer").resolve(file.getFileName()));
        }
      }
      return new Path[] {a, b};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
