package app.collections.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token matrix: every way a bearer token can be wrong, and the two ways it can be right. */
class JwtVerifierTest {
  private static final String CLIENT = "app-client-1";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private static JwksServer cognito;
  private static RSAKey key;
  private static JwtVerifier verifier;

  @BeforeAll
  static void start() throws Exception {
    cognito = new JwksServer();
    key = rsaKey();
    cognito.publish(key);
    verifier = verifier(0);
  }

  @AfterAll
  static void stop() {
    cognito.close();
  }

  @Test
  void acceptsAValidAccessTokenAndTheTenantIsItsSub() throws Exception {
    assertThat(verifier.verify(sign(key, access()))).isEqualTo(new Tenant("4e2a6c1d-sub"));
    assertThat(verifier.authenticate("Bearer " + sign(key, access()))).isEqualTo(new Tenant("4e2a6c1d-sub"));
    assertThat(verifier.authenticate("bearer  " + sign(key, access()))).isEqualTo(new Tenant("4e2a6c1d-sub"));
  }

  @Test
  void acceptsAValidIdTokenWhoseAudienceIsTheClient() throws Exception {
    JWTClaimsSet id = claims().claim("token_use", "id").audience(CLIENT).claim("email", "a@example.com").build();
    assertThat(verifier.verify(sign(key, id))).isEqualTo(new Tenant("4e2a6c1d-sub"));
  }

  @Test
  void rejectsAMissingToken() {
    rejected(() -> verifier.authenticate(null), "Missing bearer token");
    rejected(() -> verifier.authenticate("  "), "Missing bearer token");
    rejected(() -> verifier.authenticate("Bearer "), "Missing bearer token");
  }

  @Test
  void rejectsOtherSchemes() {
    rejected(() -> verifier.authenticate("Basic YWxpY2U6c2VjcmV0"), "Bearer");
    rejected(() -> verifier.authenticate(sign(key, access())), "Bearer");
  }

  @Test
  void rejectsMalformedTokens() {
    for (String token : List.of("garbage", "a.b.c", "e30.e30.", "x".repeat(9000), "..")) {
      rejected(() -> verifier.verify(token), "Malformed token");
    }
  }

  @Test
  void rejectsUnsignedAlgNoneTokens() {
    String unsigned = new PlainJWT(access()).serialize();
    rejected(() -> verifier.verify(unsigned), "Malformed token");
    // The same with a forged "signature" segment appended.
    rejected(() -> verifier.verify(unsigned + "c2lnbmF0dXJl"), "Malformed token");
  }

  @Test
  void rejectsHs256SignedWithThePublicKeyAsSecret() throws Exception {
    byte[] publicKey = key.toPublicJWK().toRSAPublicKey().getEncoded();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), access());
    forged.sign(new MACSigner(publicKey));
    rejected(() -> verifier.verify(forged.serialize()), "Unsupported token algorithm");
  }

  @Test
  void rejectsAnRs256HeaderOverAnotherKeysSignature() throws Exception {
    RSAKey attacker = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
    rejected(() -> verifier.verify(sign(attacker, access())), "Invalid token signature");
  }

  @Test
  void rejectsATamperedPayload() throws Exception {
    String[] parts = sign(key, access()).split("\\.");
    String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        claims().subject("someone-else").build().toString().getBytes(StandardCharsets.UTF_8));
    rejected(() -> verifier.verify(parts[0] + "." + otherPayload + "." + parts[2]), "Invalid token signature");
  }

  @Test
  void rejectsAWrongIssuer() throws Exception {
    JWTClaimsSet other = claims().issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other").build();
    rejected(() -> verifier.verify(sign(key, other)), "Untrusted token issuer");
    JWTClaimsSet none = claims().issuer(null).build();
    rejected(() -> verifier.verify(sign(key, none)), "Untrusted token issuer");
  }

  @Test
  void rejectsAWrongClient() throws Exception {
    rejected(() -> verifier.verify(sign(key, claims().claim("client_id", "other-client").build())),
        "another client");
    rejected(() -> verifier.verify(sign(key, claims().claim("client_id", null).build())), "another client");
    JWTClaimsSet idForOther = claims().claim("token_use", "id").audience("other-client").build();
    rejected(() -> verifier.verify(sign(key, idForOther)), "another client");
  }

  @Test
  void rejectsATokenUseThatIsNotAccepted() throws Exception {
    rejected(() -> verifier.verify(sign(key, claims().claim("token_use", "refresh").build())), "Token type");
    rejected(() -> verifier.verify(sign(key, claims().claim("token_use", null).build())), "Token type");
  }

  @Test
  void rejectsExpiredTokensButToleratesTheClockSkew() throws Exception {
    JWTClaimsSet expired = claims().expirationTime(Date.from(NOW.minus(61, ChronoUnit.SECONDS))).build();
    rejected(() -> verifier.verify(sign(key, expired)), "Token expired");
    JWTClaimsSet withinSkew = claims().expirationTime(Date.from(NOW.minus(30, ChronoUnit.SECONDS))).build();
    assertThat(verifier.verify(sign(key, withinSkew)).id()).isEqualTo("4e2a6c1d-sub");
    rejected(() -> verifier.verify(sign(key, claims().expirationTime(null).build())), "no expiry");
  }

  @Test
  void rejectsTokensNotYetValid() throws Exception {
    JWTClaimsSet future = claims().notBeforeTime(Date.from(NOW.plus(5, ChronoUnit.MINUTES))).build();
    rejected(() -> verifier.verify(sign(key, future)), "not yet valid");
    JWTClaimsSet issuedLater = claims().issueTime(Date.from(NOW.plus(5, ChronoUnit.MINUTES))).build();
    rejected(() -> verifier.verify(sign(key, issuedLater)), "future");
  }

  @Test
  void rejectsAMissingOrOversizedSub() throws Exception {
    rejected(() -> verifier.verify(sign(key, claims().subject(null).build())), "subject");
    rejected(() -> verifier.verify(sign(key, claims().subject(" ").build())), "subject");
    rejected(() -> verifier.verify(sign(key, claims().subject("s".repeat(200)).build())), "subject");
  }

  @Test
  void rejectsAnUnknownKid() throws Exception {
    RSAKey unknown = rsaKey();
    rejected(() -> verifier.verify(sign(unknown, access())), "Invalid token signature");
  }

  @Test
  void refreshesTheJwksWhenAKeyRotatesIn() throws Exception {
    JwtVerifier fresh = verifier(0);
    assertThat(fresh.verify(sign(key, access())).id()).isEqualTo("4e2a6c1d-sub");
    int fetchesBefore = cognito.fetches();

    RSAKey rotated = rsaKey();
    cognito.publish(rotated);
    assertThat(fresh.verify(sign(rotated, access())).id()).isEqualTo("4e2a6c1d-sub");
    assertThat(cognito.fetches()).isGreaterThan(fetchesBefore);

    // Known kids come from the cache: no fetch per request.
    int fetchesAfter = cognito.fetches();
    for (int i = 0; i < 5; i++) {
      fresh.verify(sign(key, access()));
    }
    assertThat(cognito.fetches()).isEqualTo(fetchesAfter);
  }

  @Test
  void refusesToStartWithNoIssuer() {
    assertThatThrownBy(() -> JwtVerifier.create(new AuthConfiguration(), null))
        .hasMessageContaining("No token issuer");
  }

  private static void rejected(ThrowingCall call, String messagePart) {
    assertThatThrownBy(call::run).isInstanceOf(UnauthenticatedException.class).hasMessageContaining(messagePart);
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  private static JwtVerifier verifier(long refreshIntervalMillis) {
    AuthConfiguration config = new AuthConfiguration();
    AuthConfiguration.Cognito pool = new AuthConfiguration.Cognito();
    pool.setRegion("eu-west-1");
    pool.setUserPoolId("eu-west-1_Test");
    pool.setClientIds(List.of(CLIENT, "app-client-2"));
    pool.setIssuer(cognito.issuer());
    pool.setJwksRefreshMinInterval(io.dropwizard.util.Duration.milliseconds(refreshIntervalMillis));
    config.setCognito(pool);
    return JwtVerifier.create(config, null, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(cognito.issuer())
        .subject("4e2a6c1d-sub")
        .claim("token_use", "access")
        .claim("client_id", CLIENT)
        .claim("username", "alice")
        .issueTime(Date.from(NOW.minus(1, ChronoUnit.MINUTES)))
        .expirationTime(Date.from(NOW.plus(1, ChronoUnit.HOURS)))
        .jwtID(UUID.randomUUID().toString());
  }

  private static JWTClaimsSet access() {
    return claims().build();
  }

  private static String sign(RSAKey signer, JWTClaimsSet claims) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(signer));
    return jwt.serialize();
  }

  private static RSAKey rsaKey() throws JOSEException {
    return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
  }
}
