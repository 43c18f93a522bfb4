package app.collections.ratelimit;

import app.collections.auth.Tenant;
import org.jdbi.v3.core.Jdbi;

/**
 * Buckets in PostgreSQL, so that every Lambda container spends from the same tokens: one upsert
 * per request (one round trip), atomic on the tenant's row. Chosen over DynamoDB because every
 * request already holds a PostgreSQL connection; a conditional DynamoDB update would add a second
 * service to the request path.
 */
public final class PostgresBucketStore implements BucketStore {
  private final RateLimitDao dao;
  private final RateLimitConfiguration config;
  private final TokenBuckets rules;

  public PostgresBucketStore(Jdbi jdbi, RateLimitConfiguration config) {
    this.dao = jdbi.onDemand(RateLimitDao.class);
    this.config = config;
    this.rules = new TokenBuckets(config);
  }

  @Override
  public Grant take(Tenant tenant, Charge charge) {
    Grant fresh = TokenBuckets.take(rules.full(), charge);
    RateLimitDao.Taken taken = dao.take(tenant, charge.searches(), charge.modelCalls(),
        config.getRequests().getBurst(), config.getRequests().perSecond(),
        config.getSearches().getBurst(), config.getSearches().perSecond(),
        config.getModelCalls().getBurst(), config.getModelCalls().perSecond(),
        fresh.left().requests(), fresh.left().searches(), fresh.left().modelCalls(),
        fresh.request(), fresh.searches(), fresh.modelCalls());
    return new Grant(taken.requestsGranted(), taken.searchesGranted(), taken.modelCallsGranted(),
        new Buckets(taken.requests(), taken.searches(), taken.modelCalls()));
  }

  @Override
  public void forget(Tenant tenant) {
    dao.forget(tenant);
  }
}
