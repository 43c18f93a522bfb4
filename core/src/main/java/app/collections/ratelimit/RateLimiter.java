package app.collections.ratelimit;

import app.collections.auth.Tenant;

/** Takes a request's tokens from its tenant's buckets, in one store call. */
public final class RateLimiter {
  private final BucketStore store;
  private final RateLimitConfiguration config;

  public RateLimiter(BucketStore store, RateLimitConfiguration config) {
    this.store = store;
    this.config = config;
  }

  /** Drops the tenant's buckets (see {@link BucketStore#forget}). */
  public void forget(Tenant tenant) {
    store.forget(tenant);
  }

  Admission admit(Tenant tenant, Charge charge) {
    return new Admission(charge, store.take(tenant, charge), config);
  }
}
