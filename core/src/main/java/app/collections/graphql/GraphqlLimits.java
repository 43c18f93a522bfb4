package app.collections.graphql;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Bounds on what one request may ask for, so no client can make the server do unbounded work.
 * The cost measures are {@link QueryCost}'s; the checks run before execution ({@link QueryBudget}).
 */
public class GraphqlLimits {
  /** Stops a body the server would spend memory and parse time on before any other check. */
  @Min(1024) @Max(10_000_000) private int maxRequestBytes = 100_000;
  /**
   * Stops documents nested to multiply work (each level of a list runs its children per element).
   * The schema's deepest useful path (a chat session's message through a connection) is 6 levels;
   * introspection does not count (see QueryBudget).
   */
  @Min(2) @Max(100) private int maxDepth = 12;
  /**
   * Stops a request from doing more than a few pages' work. A page of 100 items with their
   * analysis and image details costs 1,106, with 5 similar items each 3,606 (see
   * docs/benchmarks.md, "Query cost"); 1,000 aliased searches cost 21,000, the nested
   * similar query 14,030,502.
   */
  @Min(10) @Max(10_000_000) private int maxCost = 10_000;
  /**
   * Stops one request from running many vector reads and query embeddings (a paid call each in
   * production): {@code search} counts 1, {@code similar} 1 per item it runs for, an agent turn 6.
   * 100 is a full page of items with their similar items (one batched query per level).
   */
  @Min(1) @Max(100_000) private int maxSearches = 100;
  /**
   * Stops one request from spending many LLM calls: an answer counts 1, an AGENTIC search or a
   * chat turn 7 (six tool rounds and the reply). 8: one agent turn and one answer.
   */
  @Min(0) @Max(1000) private int maxModelCalls = 8;
  /**
   * Stops a list page ({@code items(first:)}) from reading and returning rows without bound: a
   * larger {@code first} is BAD_USER_INPUT. QueryCost counts a page-size argument at most this much
   * (its MAX_MULTIPLIER), so the two move together.
   */
  @Min(1) @Max(1000) private int maxPageSize = 100;
  /**
   * Stops one page of a ranked or remote list ({@code search}, {@code Item.similar},
   * {@code chatSessions}) from growing past this. Such a page costs more per row than a page of
   * items (a search hit is ranked and its item loaded; a session is read from DynamoDB, which may
   * take several queries to fill a page), so its cap is half of {@link #maxPageSize}'s 100; the
   * three connections had each written 50 on their own.
   */
  @Min(1) @Max(1000) private int maxRankedPageSize = 50;
  /**
   * Wall-clock limit of a query: past it the execution is cancelled and the client gets TIMEOUT.
   * API Gateway gives up at 29 s; the slowest legitimate query (an AGENTIC search with an answer)
   * takes a few seconds.
   */
  @NotNull private Duration requestTimeout = Duration.seconds(25);
  /**
   * Wall-clock limit of a mutation: longer, since a chat turn may take the agent's whole turn
   * timeout (60 s by default) and is then answered with the agent's own error.
   */
  @NotNull private Duration mutationTimeout = Duration.seconds(90);

  @JsonProperty public int getMaxRequestBytes() { return maxRequestBytes; }
  @JsonProperty public void setMaxRequestBytes(int v) { this.maxRequestBytes = v; }
  @JsonProperty public int getMaxDepth() { return maxDepth; }
  @JsonProperty public void setMaxDepth(int v) { this.maxDepth = v; }
  @JsonProperty public int getMaxCost() { return maxCost; }
  @JsonProperty public void setMaxCost(int v) { this.maxCost = v; }
  @JsonProperty public int getMaxSearches() { return maxSearches; }
  @JsonProperty public void setMaxSearches(int v) { this.maxSearches = v; }
  @JsonProperty public int getMaxModelCalls() { return maxModelCalls; }
  @JsonProperty public void setMaxModelCalls(int v) { this.maxModelCalls = v; }
  @JsonProperty public int getMaxPageSize() { return maxPageSize; }
  @JsonProperty public void setMaxPageSize(int v) { this.maxPageSize = v; }
  @JsonProperty public int getMaxRankedPageSize() { return maxRankedPageSize; }
  @JsonProperty public void setMaxRankedPageSize(int v) { this.maxRankedPageSize = v; }
  @JsonProperty public Duration getRequestTimeout() { return requestTimeout; }
  @JsonProperty public void setRequestTimeout(Duration v) { this.requestTimeout = v; }
  @JsonProperty public Duration getMutationTimeout() { return mutationTimeout; }
  @JsonProperty public void setMutationTimeout(Duration v) { this.mutationTimeout = v; }
}
