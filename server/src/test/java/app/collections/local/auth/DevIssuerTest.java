package app.collections.local.auth;

import app.collections.auth.AuthConfiguration;

import app.collections.auth.JwtVerifier;

import app.collections.auth.UnauthenticatedException;

import app.collections.auth.Tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class DevIssuerTest {
  @TempDir Path dataDir;

  private final AuthConfiguration.DevIssuerConfiguration config = enabled();

  @Test
  void createsItsKeyOnceOwnerOnlyAndReusesIt() throws Exception {
    DevIssuer first = DevIssuer.loadOrCreate(dataDir, config);
    Path keyFile = dataDir.resolve(DevIssuer.KEY_FILE);
    assertThat(keyFile).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

    DevIssuer second = DevIssuer.loadOrCreate(dataDir, config);
    assertThat(second.publicJwks().getKeys().get(0).getKeyID())
        .isEqualTo(first.publicJwks().getKeys().get(0).getKeyID());
    // A token from one instance verifies with the other's keys: it is the same key.
    String token = first.mint("alice");
    AuthConfiguration auth = new AuthConfiguration();
    auth.setDevIssuer(config);
    assertThat(JwtVerifier.create(auth, second.trustedIssuer()).verify(token)).isEqualTo(new Tenant("alice"));
  }

  @Test
  void mintsCognitoShapedAccessTokens() throws Exception {
    SignedJWT jwt = SignedJWT.parse(DevIssuer.loadOrCreate(dataDir, config).mint("bob@example.com"));
    var claims = jwt.getJWTClaimsSet();
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(claims.getSubject()).isEqualTo("bob@example.com");
    assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
    assertThat(claims.getStringClaim("client_id")).isEqualTo("collections-local");
    assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080/dev-issuer");
    assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
  }

  @Test
  void publishesNoPrivateKeyMaterial() {
    String jwks = DevIssuer.loadOrCreate(dataDir, config).publicJwks().toString();
    assertThat(jwks).contains("\"n\"", "\"e\"").doesNotContain("\"d\"", "\"p\"", "\"q\"");
  }

  @Test
  void refusesUserNamesThatAreNotNames() {
    DevIssuer issuer = DevIssuer.loadOrCreate(dataDir, config);
    for (String bad : new String[] {null, "", "a b", "x".repeat(65), "alice\"}", "../etc"}) {
      assertThatThrownBy(() -> issuer.mint(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void itsTokensAreRejectedWhereItIsNotTrusted() {
    String token = DevIssuer.loadOrCreate(dataDir, config).mint("alice");
    AuthConfiguration production = new AuthConfiguration();
    AuthConfiguration.Cognito pool = new AuthConfiguration.Cognito();
    pool.setRegion("eu-west-1");
    pool.setUserPoolId("eu-west-1_Test");
    pool.setClientIds(java.util.List.of("client"));
    pool.setJwksUrl("http://127.0.0.1:9/unused");
    production.setCognito(pool);
    assertThatThrownBy(() -> JwtVerifier.create(production, null).verify(token))
        .isInstanceOf(UnauthenticatedException.class).hasMessageContaining("Untrusted token issuer");
  }

  public static AuthConfiguration.DevIssuerConfiguration enabled() {
    AuthConfiguration.DevIssuerConfiguration config = new AuthConfiguration.DevIssuerConfiguration();
    config.setEnabled(true);
    return config;
  }
}
