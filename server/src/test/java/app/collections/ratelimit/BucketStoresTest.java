package app.collections.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.collections.auth.Tenant;
import app.collections.testing.MutableClock;
import app.collections.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bucket rules, the same in both stores: refill up to the burst, take each kind all or nothing,
 * nothing without the request, per tenant. Time passes by the memory store's clock, and in
 * PostgreSQL by moving the row's {@code refilled_at} back (the upsert reads {@code now()}).
 */
class BucketStoresTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  /**
   * 0.6 a minute: one token per 100 s, so a test's own milliseconds (PostgreSQL's clock is real)
   * never add up to a token; 0.001 a minute for the rules of taking.
   */
  private static RateLimitConfiguration config(double perMinute) {
    RateLimitConfiguration config = new RateLimitConfiguration();
    config.setRequests(new RateLimitConfiguration.Limit(perMinute, 3));
    config.setSearches(new RateLimitConfiguration.Limit(perMinute, 4));
    config.setModelCalls(new RateLimitConfiguration.Limit(perMinute, 1));
    return config;
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));

  private BucketStore memory(double perMinute) {
    return new MemoryBucketStore(config(perMinute), clock);
  }

  private final BiConsumer<Tenant, Duration> memoryWait = (tenant, d) -> clock.advance(d);

  private BucketStore postgres(double perMinute) {
    return new PostgresBucketStore(db.jdbi(), config(perMinute));
  }

  private final BiConsumer<Tenant, Duration> postgresWait = (tenant, d) -> db.jdbi().useHandle(h -> h
      .createUpdate("UPDATE rate_limit_buckets SET refilled_at = refilled_at - make_interval(secs => :s) WHERE user_id = :u")
      .bind("s", d.toMillis() / 1000.0).bind("u", tenant.id()).execute());

  @Test
  void memoryRefillsUpToTheBurst() {
    refillsUpToTheBurst(memory(0.6), memoryWait, new Tenant("m-refill"));
  }

  @Test
  void postgresRefillsUpToTheBurst() {
    refillsUpToTheBurst(postgres(0.6), postgresWait, new Tenant("p-refill"));
  }

  @Test
  void memoryTakesEachKindAllOrNothingAndNothingWithoutTheRequest() {
    takesEachKindAllOrNothing(memory(0.001), new Tenant("m-kinds"));
  }

  @Test
  void postgresTakesEachKindAllOrNothingAndNothingWithoutTheRequest() {
    takesEachKindAllOrNothing(postgres(0.001), new Tenant("p-kinds"));
  }

  @Test
  void postgresKeepsOneRowPerTenant() {
    BucketStore store = postgres(0.001);
    store.take(new Tenant("p-alice"), Charge.NONE);
    store.take(new Tenant("p-alice"), Charge.NONE);
    Grant bob = store.take(new Tenant("p-bob"), Charge.NONE);
    assertThat(bob.left().requests()).isEqualTo(2.0);
    int rows = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM rate_limit_buckets WHERE user_id IN ('p-alice', 'p-bob')").mapTo(Integer.class).one());
    assertThat(rows).isEqualTo(2);
  }

  private static void refillsUpToTheBurst(BucketStore store, BiConsumer<Tenant, Duration> wait, Tenant tenant) {
    for (int i = 0; i < 3; i++) {
      assertThat(store.take(tenant, Charge.NONE).request()).as("take %d of the burst of 3", i + 1).isTrue();
    }
    Grant empty = store.take(tenant, Charge.NONE);
    assertThat(empty.request()).isFalse();
    assertThat(empty.left().requests()).isLessThan(1.0);

    wait.accept(tenant, Duration.ofSeconds(110));
    assertThat(store.take(tenant, Charge.NONE).request()).as("110 s refilled one token").isTrue();
    assertThat(store.take(tenant, Charge.NONE).request()).isFalse();

    wait.accept(tenant, Duration.ofHours(1));
    Grant full = store.take(tenant, Charge.NONE);
    assertThat(full.request()).isTrue();
    assertThat(full.left().requests()).as("an hour refills to the burst, no further").isBetween(1.99, 2.01);
  }

  private static void takesEachKindAllOrNothing(BucketStore store, Tenant tenant) {
    Grant three = store.take(tenant, new Charge(3, 1));
    assertThat(three).extracting(Grant::request, Grant::searches, Grant::modelCalls).containsExactly(true, true, true);
    assertThat(three.left().searches()).isCloseTo(1.0, within(0.1));

    // Two searches with one left: none are taken; the request and its (absent) model calls are.
    Grant two = store.take(tenant, new Charge(2, 0));
    assertThat(two).extracting(Grant::request, Grant::searches, Grant::modelCalls).containsExactly(true, false, true);
    assertThat(two.left().searches()).isCloseTo(1.0, within(0.1));

    // The last request token: its search fits, its model call does not.
    Grant last = store.take(tenant, new Charge(1, 1));
    assertThat(last).extracting(Grant::request, Grant::searches, Grant::modelCalls).containsExactly(true, true, false);
    assertThat(last.left().searches()).isCloseTo(0.0, within(0.1));

    Grant refused = store.take(tenant, new Charge(0, 0));
    assertThat(refused.request()).isFalse();
    Grant stillRefused = store.take(tenant, new Charge(0, 1));
    assertThat(stillRefused).extracting(Grant::request, Grant::modelCalls).containsExactly(false, false);
    assertThat(stillRefused.left().modelCalls()).as("a refused request takes nothing").isGreaterThanOrEqualTo(0.0);
  }
}
