package app.collections.ratelimit;

import app.collections.auth.Tenant;

/** Where the tenants' buckets live. One call per request: refill, then take the request's tokens. */
public interface BucketStore {
  Grant take(Tenant tenant, Charge charge);
}
