package app.collections.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryEmbeddingCacheTest {

  @Test
  void twoConcurrentMissesForOneQueryCallTheModelOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountingEmbedder model = new CountingEmbedder(release);
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 10);

    CompletableFuture<float[]> first = CompletableFuture.supplyAsync(() -> cache.embed("ramen"));
    assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<float[]> secondResult = new CompletableFuture<>();
    Thread second = Thread.ofPlatform().start(() -> secondResult.complete(cache.embed("ramen")));
    // The second caller is parked either on the first one's load or (without a loading cache) in the
    // model itself: release the model only once it is.
    awaitParked(second);
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isSameAs(secondResult.get(10, TimeUnit.SECONDS));
    assertThat(model.calls.get()).isEqualTo(1);
  }

  @Test
  void aRepeatedQueryIsAnsweredFromTheCache() {
    CountDownLatch open = new CountDownLatch(0);
    CountingEmbedder model = new CountingEmbedder(open);
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 10);

    assertThat(cache.has("ramen")).isFalse();
    float[] vector = cache.embed("ramen");

    assertThat(cache.has("ramen")).isTrue();
    assertThat(cache.embed("ramen")).isSameAs(vector);
    assertThat(model.calls.get()).isEqualTo(1);
  }

  @Test
  void aFailedModelCallIsNotRemembered() {
    AtomicInteger calls = new AtomicInteger();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(new CountingEmbedder(new CountDownLatch(0)) {
      @Override
      public float[] embedQuery(String text) {
        if (calls.incrementAndGet() == 1) {
          throw new IllegalStateException("model unavailable");
        }
        return new float[] {2f};
      }
    }, 10);

    assertThatThrownBy(() -> cache.embed("ramen")).isInstanceOf(IllegalStateException.class)
        .hasMessage("model unavailable");
    assertThat(cache.has("ramen")).isFalse();
    assertThat(cache.embed("ramen")).containsExactly(2f);
  }

  private static void awaitParked(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(System.nanoTime()).as("second caller parked").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  /** A model that counts its calls and answers once released. */
  private static class CountingEmbedder implements Embedder {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release;

    CountingEmbedder(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public String model() {
      return "counting";
    }

    @Override
    public int dimension() {
      return 1;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
      return texts.stream().map(this::embedQuery).toList();
    }

    @Override
    public float[] embedQuery(String text) {
      calls.incrementAndGet();
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new float[] {calls.get()};
    }
  }
}
