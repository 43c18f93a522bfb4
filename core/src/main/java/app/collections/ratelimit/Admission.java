package app.collections.ratelimit;

import app.collections.graphql.RateLimitedException;

import java.util.Optional;

/** What a request may do, decided once when it starts: its grant, and for each refused kind, why. */
record Admission(Charge charge, Grant grant, RateLimitConfiguration config) {

  /** Why a field that takes {@code field} is refused, or empty when it may run. */
  Optional<RateLimitedException> refusal(Charge field) {
    if (field.searches() > 0 && !grant.searches()) {
      return Optional.of(refused("searches", charge.searches(), grant.left().searches(), config.getSearches()));
    }
    if (field.modelCalls() > 0 && !grant.modelCalls()) {
      return Optional.of(refused("model calls", charge.modelCalls(), grant.left().modelCalls(), config.getModelCalls()));
    }
    return Optional.empty();
  }

  RateLimitedException requestRefusal() {
    return refused("requests", 1, grant.left().requests(), config.getRequests());
  }

  private static RateLimitedException refused(String kind, int cost, double left, RateLimitConfiguration.Limit limit) {
    if (cost > limit.getBurst()) {
      return new RateLimitedException("This request asks for " + cost + " " + kind + "; at most " + limit.getBurst()
          + " fit in one request", null);
    }
    long seconds = Math.max(1, (long) Math.ceil((cost - left) / limit.perSecond()));
    return new RateLimitedException("Too many " + kind + ": at most " + limit.getBurst() + " at once and "
        + format(limit.getPerMinute()) + " a minute; retry in " + seconds + " s", seconds);
  }

  private static String format(double perMinute) {
    return perMinute == Math.rint(perMinute) ? Long.toString((long) perMinute) : Double.toString(perMinute);
  }
}
