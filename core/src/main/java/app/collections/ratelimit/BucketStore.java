package app.collections.ratelimit;

import app.collections.auth.Tenant;

/** Where the tenants' buckets live. One call per request: refill, then take the request's tokens. */
public interface BucketStore {
  Grant take(Tenant tenant, Charge charge);

  /** Drops the tenant's buckets (full again at its next take): the SnapStart priming tenant's, so a snapshot leaves no row. */
  void forget(Tenant tenant);
}
