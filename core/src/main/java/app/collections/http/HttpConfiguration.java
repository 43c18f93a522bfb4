package app.collections.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The HTTP edge: which Host names are served, and which web origins may call /graphql. */
public class HttpConfiguration {
  /**
   * Serve only loopback Host names and {@link #allowedHosts} (DNS rebinding defence): on by
   * default, so a new local configuration is safe; lambda.yml turns it off (API Gateway's own
   * domain is the only way in there).
   */
  private boolean checkHost = true;
  /** Host names served besides localhost, 127.0.0.1 and [::1] (any port). */
  @NotNull private List<@NotNull String> allowedHosts = List.of();
  /**
   * Web origins allowed to call /graphql from a browser (CORS), and to PUT to the local S3 server:
   * {@code scheme://host[:port]}, or {@code scheme://host:*} for any port. Empty: same origin only.
   */
  @NotNull private List<@NotNull String> corsOrigins = List.of();

  @JsonProperty public boolean isCheckHost() { return checkHost; }
  @JsonProperty public void setCheckHost(boolean checkHost) { this.checkHost = checkHost; }
  @JsonProperty public List<String> getAllowedHosts() { return allowedHosts; }
  @JsonProperty public void setAllowedHosts(List<String> allowedHosts) { this.allowedHosts = allowedHosts; }
  @JsonProperty public List<String> getCorsOrigins() { return corsOrigins; }
  @JsonProperty public void setCorsOrigins(List<String> corsOrigins) { this.corsOrigins = corsOrigins; }
}
