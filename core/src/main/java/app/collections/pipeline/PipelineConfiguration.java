package app.collections.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How analysis jobs run: workers, leases, retries. */
public class PipelineConfiguration {
  /** In-process workers (local mode); 0 where another host runs the jobs. */
  @Min(0) @Max(64) private int workers = 2;
  @Min(1) @Max(50) private int maxAttempts = 5;
  /** A claimed job is another worker's to take after this, if its worker died. */
  @NotNull private Duration lease = Duration.minutes(5);
  /** First retry delay; doubled per attempt, capped at {@code maxBackoff}, with jitter. */
  @NotNull private Duration backoff = Duration.seconds(5);
  @NotNull private Duration maxBackoff = Duration.minutes(10);
  /** Idle workers look for due jobs this often (new jobs wake them at once). */
  @NotNull private Duration pollInterval = Duration.seconds(1);

  /** On AWS: the SQS queue that announces queued jobs to the processor Lambda. */
  private String queueUrl;

  @JsonProperty public String getQueueUrl() { return queueUrl; }
  @JsonProperty public void setQueueUrl(String queueUrl) { this.queueUrl = queueUrl == null || queueUrl.isBlank() ? null : queueUrl; }
  @JsonProperty public int getWorkers() { return workers; }
  @JsonProperty public void setWorkers(int workers) { this.workers = workers; }
  @JsonProperty public int getMaxAttempts() { return maxAttempts; }
  @JsonProperty public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
  @JsonProperty public Duration getLease() { return lease; }
  @JsonProperty public void setLease(Duration lease) { this.lease = lease; }
  @JsonProperty public Duration getBackoff() { return backoff; }
  @JsonProperty public void setBackoff(Duration backoff) { this.backoff = backoff; }
  @JsonProperty public Duration getMaxBackoff() { return maxBackoff; }
  @JsonProperty public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
  @JsonProperty public Duration getPollInterval() { return pollInterval; }
  @JsonProperty public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
}
