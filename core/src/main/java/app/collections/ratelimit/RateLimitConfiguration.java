package app.collections.ratelimit;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Per-tenant token buckets ({@code rateLimits:} in the YAML): every request takes a request token,
 * each {@code search} a search token, and each model call (a chat turn, {@code search(mode:
 * AGENTIC)}, {@code search(answer: true)}) a model-call token. A bucket holds at most {@code burst}
 * tokens and refills at {@code perMinute}.
 */
public class RateLimitConfiguration {
  /** Where the buckets live: one process's memory (local mode), or PostgreSQL, which every Lambda container shares. */
  public enum Store { MEMORY, POSTGRES }

  /** One bucket: its refill rate and its size. */
  public static class Limit {
    @DecimalMin(value = "0", inclusive = false) private double perMinute;
    @Min(1) @Max(1_000_000) private int burst;

    public Limit() {}

    public Limit(double perMinute, int burst) {
      this.perMinute = perMinute;
      this.burst = burst;
    }

    public double perSecond() {
      return perMinute / 60.0;
    }

    @JsonProperty public double getPerMinute() { return perMinute; }
    @JsonProperty public void setPerMinute(double perMinute) { this.perMinute = perMinute; }
    @JsonProperty public int getBurst() { return burst; }
    @JsonProperty public void setBurst(int burst) { this.burst = burst; }
  }

  private boolean enabled = true;
  @NotNull private Store store = Store.MEMORY;
  // @JsonMerge: `requests: { burst: 10 }` keeps the default rate instead of a rate of 0.
  /** 10 a second sustained, 100 at once: a client paging and polling at its fastest stays under it. */
  @JsonMerge @Valid @NotNull private Limit requests = new Limit(600, 100);
  /** One a second sustained, 20 at once: searches as fast as a person types, each a query embedding. */
  @JsonMerge @Valid @NotNull private Limit searches = new Limit(60, 20);
  /** Each costs money: a conversation's pace (one every 6 s), 5 at once. */
  @JsonMerge @Valid @NotNull private Limit modelCalls = new Limit(10, 5);

  @JsonProperty public boolean isEnabled() { return enabled; }
  @JsonProperty public void setEnabled(boolean enabled) { this.enabled = enabled; }
  @JsonProperty public Store getStore() { return store; }
  @JsonProperty public void setStore(Store store) { this.store = store; }
  @JsonProperty public Limit getRequests() { return requests; }
  @JsonProperty public void setRequests(Limit requests) { this.requests = requests; }
  @JsonProperty public Limit getSearches() { return searches; }
  @JsonProperty public void setSearches(Limit searches) { this.searches = searches; }
  @JsonProperty public Limit getModelCalls() { return modelCalls; }
  @JsonProperty public void setModelCalls(Limit modelCalls) { this.modelCalls = modelCalls; }
}
