package app.collections.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Where images live: an S3 bucket, or the S3-compatible server local mode runs in-process. */
public class StorageConfiguration {
  @NotEmpty private String bucket = "collections-images";
  @NotEmpty private String region = "us-east-1";
  /** An S3-compatible endpoint instead of AWS (path-style addressing is used with it). */
  private String endpoint;
  /** Static credentials for {@code endpoint}; AWS uses the default provider chain. */
  private String accessKey;
  private String secretKey;
  @NotNull private Duration uploadUrlTtl = Duration.minutes(10);
  @NotNull private Duration downloadUrlTtl = Duration.hours(1);
  @NotNull private DataSize maxUploadSize = DataSize.megabytes(20);
  @Valid @NotNull private Local local = new Local();

  /** The in-process S3 server (S3Proxy, filesystem-backed under the data folder). */
  public static class Local {
    private boolean enabled;
    private int port = 9090;

    @JsonProperty public boolean isEnabled() { return enabled; }
    @JsonProperty public void setEnabled(boolean enabled) { this.enabled = enabled; }
    @JsonProperty public int getPort() { return port; }
    @JsonProperty public void setPort(int port) { this.port = port; }
  }

  @JsonProperty public String getBucket() { return bucket; }
  @JsonProperty public void setBucket(String bucket) { this.bucket = bucket; }
  @JsonProperty public String getRegion() { return region; }
  @JsonProperty public void setRegion(String region) { this.region = region; }
  @JsonProperty public String getEndpoint() { return endpoint; }
  @JsonProperty public void setEndpoint(String endpoint) { this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint; }
  @JsonProperty public String getAccessKey() { return accessKey; }
  @JsonProperty public void setAccessKey(String accessKey) { this.accessKey = accessKey; }
  @JsonProperty public String getSecretKey() { return secretKey; }
  @JsonProperty public void setSecretKey(String secretKey) { this.secretKey = secretKey; }
  @JsonProperty public Duration getUploadUrlTtl() { return uploadUrlTtl; }
  @JsonProperty public void setUploadUrlTtl(Duration v) { this.uploadUrlTtl = v; }
  @JsonProperty public Duration getDownloadUrlTtl() { return downloadUrlTtl; }
  @JsonProperty public void setDownloadUrlTtl(Duration v) { this.downloadUrlTtl = v; }
  @JsonProperty public DataSize getMaxUploadSize() { return maxUploadSize; }
  @JsonProperty public void setMaxUploadSize(DataSize v) { this.maxUploadSize = v; }
  @JsonProperty public Local getLocal() { return local; }
  @JsonProperty public void setLocal(Local local) { this.local = local; }
}
