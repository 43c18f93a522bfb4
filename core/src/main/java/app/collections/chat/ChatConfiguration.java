package app.collections.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Where the chat agent keeps its conversations: a DynamoDB table, and how long they live. */
public class ChatConfiguration {
  @Valid @NotNull private DynamoDb dynamodb = new DynamoDb();
  /** A conversation is gone this long after its last activity (DynamoDB's TTL deletes it later). */
  @NotNull private Duration sessionTtl = Duration.hours(4);
  /** Checkpoints kept per conversation; older ones are deleted at the end of each turn. */
  @Min(1) @Max(1000) private int keepCheckpoints = 20;

  public static class DynamoDb {
    @NotEmpty private String table = "collections-chat";
    /** A DynamoDB-compatible endpoint instead of AWS's; local mode sets its own. */
    private String endpoint;
    @NotEmpty private String region = "us-east-1";
    @Valid @NotNull private Local local = new Local();

    @JsonProperty public String getTable() { return table; }
    @JsonProperty public void setTable(String table) { this.table = table; }
    @JsonProperty public String getEndpoint() { return endpoint; }
    @JsonProperty public void setEndpoint(String endpoint) { this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint; }
    @JsonProperty public String getRegion() { return region; }
    @JsonProperty public void setRegion(String region) { this.region = region; }
    @JsonProperty public Local getLocal() { return local; }
    @JsonProperty public void setLocal(Local local) { this.local = local; }
  }

  /** dynalite as a child process, persisting under the data folder (see LocalDynamoDb). */
  public static class Local {
    private boolean enabled;
    /** 0 picks a free port. */
    @Min(0) @Max(65535) private int port = 8000;
    /** Where scripts/setup-dynamodb.sh installed dynalite. */
    @NotEmpty private String dynaliteDir = ".tools/dynalite";

    @JsonProperty public boolean isEnabled() { return enabled; }
    @JsonProperty public void setEnabled(boolean enabled) { this.enabled = enabled; }
    @JsonProperty public int getPort() { return port; }
    @JsonProperty public void setPort(int port) { this.port = port; }
    @JsonProperty public String getDynaliteDir() { return dynaliteDir; }
    @JsonProperty public void setDynaliteDir(String dynaliteDir) { this.dynaliteDir = dynaliteDir; }
  }

  @JsonProperty public DynamoDb getDynamodb() { return dynamodb; }
  @JsonProperty public void setDynamodb(DynamoDb dynamodb) { this.dynamodb = dynamodb; }
  @JsonProperty public Duration getSessionTtl() { return sessionTtl; }
  @JsonProperty public void setSessionTtl(Duration sessionTtl) { this.sessionTtl = sessionTtl; }
  @JsonProperty public int getKeepCheckpoints() { return keepCheckpoints; }
  @JsonProperty public void setKeepCheckpoints(int keepCheckpoints) { this.keepCheckpoints = keepCheckpoints; }
}
