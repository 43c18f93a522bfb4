package app.collections.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * Which bearer tokens the service trusts: a Cognito user pool's (production) and/or the local dev
 * issuer's. At least one must be configured; {@link JwtVerifier#create} refuses otherwise.
 */
public class AuthConfiguration {
  @Valid private Cognito cognito;
  @NotEmpty private List<@Pattern(regexp = "access|id") String> allowedTokenUses = List.of("access", "id");
  @NotNull private Duration clockSkew = Duration.seconds(60);
  @Valid @NotNull private DevIssuerConfiguration devIssuer = new DevIssuerConfiguration();

  @JsonProperty public Cognito getCognito() { return cognito; }
  @JsonProperty public void setCognito(Cognito cognito) { this.cognito = cognito; }
  @JsonProperty public List<String> getAllowedTokenUses() { return allowedTokenUses; }
  @JsonProperty public void setAllowedTokenUses(List<String> v) { this.allowedTokenUses = v; }
  @JsonProperty public Duration getClockSkew() { return clockSkew; }
  @JsonProperty public void setClockSkew(Duration clockSkew) { this.clockSkew = clockSkew; }
  @JsonProperty public DevIssuerConfiguration getDevIssuer() { return devIssuer; }
  @JsonProperty public void setDevIssuer(DevIssuerConfiguration devIssuer) { this.devIssuer = devIssuer; }

  /** A Cognito user pool: its issuer and JWKS follow from region and pool id. */
  public static class Cognito {
    @NotEmpty private String region;
    @NotEmpty private String userPoolId;
    @NotEmpty private List<@NotEmpty String> clientIds;
    /** Overrides the derived issuer (tests, or a custom domain). */
    private String issuer;
    /** Overrides {@code {issuer}/.well-known/jwks.json}. */
    private String jwksUrl;
    /** Unknown kids trigger a JWKS refresh at most this often, so forged kids cannot hammer Cognito. */
    @NotNull private Duration jwksRefreshMinInterval = Duration.seconds(30);

    public String issuer() {
      return issuer != null ? issuer : "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }

    public String jwksUrl() {
      return jwksUrl != null ? jwksUrl : issuer() + "/.well-known/jwks.json";
    }

    @JsonProperty public String getRegion() { return region; }
    @JsonProperty public void setRegion(String region) { this.region = region; }
    @JsonProperty public String getUserPoolId() { return userPoolId; }
    @JsonProperty public void setUserPoolId(String userPoolId) { this.userPoolId = userPoolId; }
    @JsonProperty public List<String> getClientIds() { return clientIds; }
    @JsonProperty public void setClientIds(List<String> clientIds) { this.clientIds = clientIds; }
    @JsonProperty public String getIssuer() { return issuer; }
    @JsonProperty public void setIssuer(String issuer) { this.issuer = issuer; }
    @JsonProperty public String getJwksUrl() { return jwksUrl; }
    @JsonProperty public void setJwksUrl(String jwksUrl) { this.jwksUrl = jwksUrl; }
    @JsonProperty public Duration getJwksRefreshMinInterval() { return jwksRefreshMinInterval; }
    @JsonProperty public void setJwksRefreshMinInterval(Duration v) { this.jwksRefreshMinInterval = v; }
  }

  /** The local stand-in for Cognito. Off unless turned on; the Lambda host refuses it. */
  public static class DevIssuerConfiguration {
    private boolean enabled;
    @NotEmpty private String issuer = "http://localhost:8080/dev-issuer";
    @NotEmpty private String clientId = "collections-local";
    @NotNull private Duration tokenLifetime = Duration.hours(12);

    @JsonProperty public boolean isEnabled() { return enabled; }
    @JsonProperty public void setEnabled(boolean enabled) { this.enabled = enabled; }
    @JsonProperty public String getIssuer() { return issuer; }
    @JsonProperty public void setIssuer(String issuer) { this.issuer = issuer; }
    @JsonProperty public String getClientId() { return clientId; }
    @JsonProperty public void setClientId(String clientId) { this.clientId = clientId; }
    @JsonProperty public Duration getTokenLifetime() { return tokenLifetime; }
    @JsonProperty public void setTokenLifetime(Duration tokenLifetime) { this.tokenLifetime = tokenLifetime; }
  }
}
