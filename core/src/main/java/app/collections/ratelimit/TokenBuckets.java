package app.collections.ratelimit;

/**
 * The bucket rules, in Java: the memory store applies them, and the PostgreSQL store uses them for
 * a tenant's first row (RateLimitDao/take.sql applies the same rules to an existing row).
 */
final class TokenBuckets {
  private final RateLimitConfiguration config;

  TokenBuckets(RateLimitConfiguration config) {
    this.config = config;
  }

  Buckets full() {
    return new Buckets(config.getRequests().getBurst(), config.getSearches().getBurst(),
        config.getModelCalls().getBurst());
  }

  Buckets refill(Buckets b, double elapsedSeconds) {
    double elapsed = Math.max(0, elapsedSeconds);
    return new Buckets(refill(b.requests(), config.getRequests(), elapsed),
        refill(b.searches(), config.getSearches(), elapsed),
        refill(b.modelCalls(), config.getModelCalls(), elapsed));
  }

  /** Takes from already-refilled buckets: each kind all or nothing, and nothing without the request. */
  static Grant take(Buckets b, Charge charge) {
    boolean request = b.requests() >= 1;
    boolean searches = request && b.searches() >= charge.searches();
    boolean modelCalls = request && b.modelCalls() >= charge.modelCalls();
    return new Grant(request, searches, modelCalls, new Buckets(
        request ? b.requests() - 1 : b.requests(),
        searches ? b.searches() - charge.searches() : b.searches(),
        modelCalls ? b.modelCalls() - charge.modelCalls() : b.modelCalls()));
  }

  private static double refill(double tokens, RateLimitConfiguration.Limit limit, double elapsedSeconds) {
    return Math.min(limit.getBurst(), tokens + limit.perSecond() * elapsedSeconds);
  }
}
