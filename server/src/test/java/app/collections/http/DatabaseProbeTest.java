package app.collections.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.db.Database;
import app.collections.json.Json;
import app.collections.testing.MutableClock;
import app.collections.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * /health's database check: 503 over HTTP when PostgreSQL does not answer (a data source on a
 * port nothing listens on), one statement a second however many ask, no caller waiting behind a
 * running check, and the answer's words from the driver's SQLState.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DatabaseProbeTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  /** Jersey in Jetty serving /health over a database that does not answer. */
  static final DropwizardClientExtension down = new DropwizardClientExtension(
      new HealthResource(new DatabaseProbe(jdbi(closedPort()), Clock.systemUTC()), Json.MAPPER));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void answers503OverHttpWhenTheDatabaseIsDown() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response;
    try (HttpClient http = HttpClient.newHttpClient()) {
      response = http.send(HttpRequest.newBuilder(down.baseUri().resolve("/application/health")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(Json.MAPPER.readTree(response.body()))
        .isEqualTo(Json.MAPPER.readTree("{\"status\":\"unavailable\",\"database\":\"unreachable\"}"));
    // A refused connection is an answer at once, not after the statement timeout.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void asksTheDatabaseAtMostOncePerFreshFor() {
    Gate source = new Gate(db.dataSource());
    DatabaseProbe probe = new DatabaseProbe(jdbi(source.dataSource()), clock);
    for (int i = 0; i < 100; i++) {
      assertThat(probe.check().ok()).isTrue();
    }
    assertThat(source.connections.get()).isEqualTo(1);
    clock.advance(DatabaseProbe.FRESH_FOR.minusMillis(1));
    probe.check();
    assertThat(source.connections.get()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    probe.check();
    assertThat(source.connections.get()).isEqualTo(2);
    // A clock set back does not keep the old answer.
    clock.advance(Duration.ofHours(-1));
    probe.check();
    assertThat(source.connections.get()).isEqualTo(3);
  }

  @Test
  void aDatabaseThatComesBackIsOkOnceTheLastAnswerIsStale() {
    Gate source = new Gate(closedPort());
    DatabaseProbe probe = new DatabaseProbe(jdbi(source.dataSource()), clock);
    assertThat(probe.check().database()).isEqualTo(DatabaseProbe.UNREACHABLE);
    source.target.set(db.dataSource());
    assertThat(probe.check().database()).isEqualTo(DatabaseProbe.UNREACHABLE);
    clock.advance(DatabaseProbe.FRESH_FOR);
    assertThat(probe.check().ok()).isTrue();
  }

  @Test
  void whileACheckRunsOtherCallersGetTheLastAnswerAtOnce() throws Exception {
    Gate source = new Gate(db.dataSource());
    DatabaseProbe probe = new DatabaseProbe(jdbi(source.dataSource()), clock);
    DatabaseProbe.Check first = probe.check();
    clock.advance(DatabaseProbe.FRESH_FOR);
    source.hold();
    CompletableFuture<DatabaseProbe.Check> running = CompletableFuture.supplyAsync(probe::check);
    assertThat(source.entered()).isTrue();

    assertThat(probe.check()).isSameAs(first);
    assertThat(running).isNotDone();
    source.release();
    assertThat(running.get(10, TimeUnit.SECONDS).ok()).isTrue();
    assertThat(running.get().at()).isAfterOrEqualTo(first.at());
    assertThat(probe.check()).isSameAs(running.get());
  }

  @Test
  void saysWhyInOneWordFromTheSqlState() {
    assertThat(DatabaseProbe.reason(new ConnectionException(new SQLException("refused", "08001"))))
        .isEqualTo(DatabaseProbe.UNREACHABLE);
    assertThat(DatabaseProbe.reason(new RuntimeException(new SQLException("starting up", "57P03"))))
        .isEqualTo(DatabaseProbe.UNREACHABLE);
    assertThat(DatabaseProbe.reason(new RuntimeException(new SQLException("canceled", "57014"))))
        .isEqualTo(DatabaseProbe.TIMEOUT);
    assertThat(DatabaseProbe.reason(new RuntimeException(new SQLException("pool exhausted"))))
        .isEqualTo(DatabaseProbe.ERROR);
    assertThat(DatabaseProbe.reason(new IllegalStateException("no cause"))).isEqualTo(DatabaseProbe.ERROR);
  }

  private static org.jdbi.v3.core.Jdbi jdbi(DataSource dataSource) {
    return Database.jdbi(dataSource, new MetricRegistry(), Json.MAPPER);
  }

  /** A PostgreSQL data source on a loopback port that was free a moment ago: nothing listens there. */
  private static DataSource closedPort() {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/collections");
    dataSource.setUser("collections");
    dataSource.setPassword("collections");
    dataSource.setConnectTimeout(2);
    return dataSource;
  }

  /** A data source that counts connections, can be pointed elsewhere, and can hold a caller at the door. */
  private static final class Gate {
    final AtomicReference<DataSource> target;
    final AtomicInteger connections = new AtomicInteger();
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch open = new CountDownLatch(0);

    Gate(DataSource target) {
      this.target = new AtomicReference<>(target);
    }

    /** From now on a caller waits at the door until {@link #release}; {@link #entered} says one is there. */
    void hold() {
      entered = new CountDownLatch(1);
      open = new CountDownLatch(1);
    }

    boolean entered() throws InterruptedException {
      return entered.await(10, TimeUnit.SECONDS);
    }

    void release() {
      open.countDown();
    }

    DataSource dataSource() {
      return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
          (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
              connections.incrementAndGet();
              entered.countDown();
              assertThat(open.await(10, TimeUnit.SECONDS)).isTrue();
            }
            try {
              return method.invoke(target.get(), args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}
