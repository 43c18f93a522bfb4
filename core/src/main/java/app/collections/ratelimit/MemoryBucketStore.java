package app.collections.ratelimit;

import app.collections.auth.Tenant;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Buckets in this process's memory: local mode, one server. Each tenant's take is atomic
 * ({@link ConcurrentMap#compute} locks the tenant's entry), so concurrent requests cannot overspend.
 * Every tenant that ever called keeps an entry of a few dozen bytes: fine for local mode's handful
 * of users; production uses {@link PostgresBucketStore}.
 */
public final class MemoryBucketStore implements BucketStore {
  private record Entry(Buckets buckets, long atNanos, Grant last) {}

  private final TokenBuckets rules;
  private final Clock clock;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  public MemoryBucketStore(RateLimitConfiguration config, Clock clock) {
    this.rules = new TokenBuckets(config);
    this.clock = clock;
  }

  @Override
  public Grant take(Tenant tenant, Charge charge) {
    long now = nanos();
    return entries.compute(tenant.id(), (id, entry) -> {
      Buckets refilled = entry == null ? rules.full()
          : rules.refill(entry.buckets(), (now - entry.atNanos()) / 1e9);
      Grant grant = TokenBuckets.take(refilled, charge);
      return new Entry(grant.left(), entry == null ? now : Math.max(now, entry.atNanos()), grant);
    }).last();
  }

  @Override
  public void forget(Tenant tenant) {
    entries.remove(tenant.id());
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
