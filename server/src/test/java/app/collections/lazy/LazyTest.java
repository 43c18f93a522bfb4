package app.collections.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.chat.DynamoDbClients;
import app.collections.chat.ChatConfiguration;
import app.collections.storage.ImageStore;
import app.collections.storage.StorageConfiguration;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LazyTest {
  /** A client: one call, a default method and a close. */
  interface Client extends AutoCloseable {
    String call(String what) throws IOException;

    default String twice(String what) throws IOException {
      return call(what) + call(what);
    }

    @Override
    void close();
  }

  private static final class Counting implements Client {
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public String call(String what) throws IOException {
      if (what.equals("fail")) {
        throw new IOException("refused");
      }
      return what;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @Test
  void buildsOnTheFirstCallOnlyAndOnce() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    Counting real = new Counting();
    Client client = Lazy.of(Client.class, () -> {
      builds.incrementAndGet();
      return real;
    });
    assertThat(client.toString()).contains("not built");
    assertThat(client).isEqualTo(client).isNotEqualTo(Lazy.of(Client.class, Counting::new));
    client.hashCode();
    assertThat(builds).hasValue(0);

    assertThat(client.call("a")).isEqualTo("a");
    assertThat(client.twice("b")).isEqualTo("bb");
    assertThat(builds).hasValue(1);
    client.close();
    assertThat(real.closes).hasValue(1);
  }

  @Test
  void closingWhatWasNeverBuiltBuildsNothing() {
    AtomicInteger builds = new AtomicInteger();
    Client client = Lazy.of(Client.class, () -> {
      builds.incrementAndGet();
      return new Counting();
    });
    client.close();
    assertThat(builds).hasValue(0);
  }

  @Test
  void theCallsOwnExceptionReachesTheCallerAsThrown() {
    Client client = Lazy.of(Client.class, Counting::new);
    assertThatThrownBy(() -> client.call("fail")).isExactlyInstanceOf(IOException.class).hasMessage("refused");
  }

  @Test
  void aFailedBuildFailsTheCallAndIsTriedAgainOnTheNext() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    Client client = Lazy.of(Client.class, () -> {
      if (builds.incrementAndGet() == 1) {
        throw new UncheckedIOException(new IOException("no endpoint yet"));
      }
      return new Counting();
    });
    assertThatThrownBy(() -> client.call("a")).isInstanceOf(UncheckedIOException.class).hasMessageContaining("no endpoint");
    assertThat(client.call("a")).isEqualTo("a");
    assertThat(builds).hasValue(2);
  }

  @Test
  void concurrentFirstCallsShareOneBuild() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    Client client = Lazy.of(Client.class, () -> {
      builds.incrementAndGet();
      return new Counting();
    });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          return client.call("x");
        }));
      }
      start.countDown();
      for (Future<String> call : calls) {
        assertThat(call.get()).isEqualTo("x");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(builds).hasValue(1);
  }

  @Test
  void onceBuildsAtTheFirstGetOnlyAndConcurrentFirstCallsShareOneBuild() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    Lazy.Once<Object> once = Lazy.once(() -> {
      builds.incrementAndGet();
      sleepQuietly(50);
      return new Object();
    });
    assertThat(once.isBuilt()).isFalse();
    assertThat(once.toString()).contains("not built");
    assertThat(builds).hasValue(0);
    try (var pool = Executors.newFixedThreadPool(4)) {
      var results = pool.invokeAll(java.util.Collections.nCopies(4, once::get));
      Object first = results.get(0).get();
      for (var result : results) {
        assertThat(result.get()).isSameAs(first);
      }
    }
    assertThat(builds).hasValue(1);
    assertThat(once.isBuilt()).isTrue();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theAwsClientsAreNotBuiltByTheirFactories() {
    // Building the S3 client loads software.amazon.awssdk.services.s3.DefaultS3Client; the
    // factories must leave that, and even their builders, to the first call.
    StorageConfiguration storage = new StorageConfiguration();
    ImageStore store = ImageStore.create(storage, "http://127.0.0.1:1", "key", "secret");
    assertThat(store.clients()).hasSize(2).noneMatch(Lazy.Once::isBuilt);
    var dynamo = DynamoDbClients.create(new ChatConfiguration().getDynamodb());
    assertThat(dynamo.isBuilt()).isFalse();
    store.close();
    assertThat(store.clients()).as("closing builds nothing").noneMatch(Lazy.Once::isBuilt);
    assertThat(store.client()).isNotNull();
    assertThat(store.clients().get(0).isBuilt()).as("the first use builds the client").isTrue();
    store.close();
  }
}
