package app.collections.graphql;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Bounds on what one request may ask for, so no client can make the server do unbounded work. */
public class GraphqlLimits {
  @Min(1024) @Max(10_000_000) private int maxRequestBytes = 100_000;
  @Min(2) @Max(100) private int maxDepth = 12;
  @Min(10) @Max(100_000) private int maxComplexity = 2_000;
  @Min(1) @Max(1000) private int maxPageSize = 100;

  @JsonProperty public int getMaxRequestBytes() { return maxRequestBytes; }
  @JsonProperty public void setMaxRequestBytes(int v) { this.maxRequestBytes = v; }
  @JsonProperty public int getMaxDepth() { return maxDepth; }
  @JsonProperty public void setMaxDepth(int v) { this.maxDepth = v; }
  @JsonProperty public int getMaxComplexity() { return maxComplexity; }
  @JsonProperty public void setMaxComplexity(int v) { this.maxComplexity = v; }
  @JsonProperty public int getMaxPageSize() { return maxPageSize; }
  @JsonProperty public void setMaxPageSize(int v) { this.maxPageSize = v; }
}
