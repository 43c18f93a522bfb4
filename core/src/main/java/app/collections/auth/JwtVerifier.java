package app.collections.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies bearer tokens as Cognito issues them: RS256 only, signed by a key of the issuer's JWKS,
 * from a trusted issuer, unexpired (with a small clock skew), of an accepted {@code token_use},
 * for one of our app clients. The tenant is the token's {@code sub}.
 */
public final class JwtVerifier {
  private static final int MAX_TOKEN_LENGTH = 8 * 1024;
  private static final String BEARER = "bearer ";

  /** One issuer we trust, with the keys that sign its tokens and the app clients it may name. */
  /** An issuer whose tokens are accepted: its {@code iss}, signing keys and client ids ({@code aud}/{@code client_id}). */
  public record TrustedIssuer(String issuer, JWKSource<SecurityContext> keys, Set<String> clientIds) {}

  private final Map<String, Processor> issuers;
  private final Set<String> tokenUses;
  private final Duration skew;
  private final Clock clock;

  JwtVerifier(List<TrustedIssuer> issuers, Set<String> tokenUses, Duration skew, Clock clock) {
    if (issuers.isEmpty()) {
      throw new IllegalStateException(
          "No token issuer is configured: set auth.cognito, or auth.devIssuer.enabled for local use");
    }
    this.issuers = issuers.stream().collect(Collectors.toUnmodifiableMap(TrustedIssuer::issuer, Processor::new));
    this.tokenUses = Set.copyOf(tokenUses);
    this.skew = skew;
    this.clock = clock;
  }

  /**
   * The verifier the configuration asks for (Cognito), and {@code local}, the local host's dev
   * issuer (null everywhere else).
   */
  public static JwtVerifier create(AuthConfiguration config, TrustedIssuer local) {
    return create(config, local, Clock.systemUTC());
  }

  static JwtVerifier create(AuthConfiguration config, TrustedIssuer local, Clock clock) {
    List<TrustedIssuer> issuers = new ArrayList<>();
    AuthConfiguration.Cognito cognito = config.getCognito();
    if (cognito != null) {
      issuers.add(new TrustedIssuer(cognito.issuer(), remoteKeys(cognito), Set.copyOf(cognito.getClientIds())));
    }
    if (local != null) {
      issuers.add(local);
    }
    return new JwtVerifier(issuers, Set.copyOf(config.getAllowedTokenUses()),
        config.getClockSkew().toJavaDuration(), clock);
  }

  /**
   * Fetches every issuer's signing keys into their cache, as the first token's check would: a
   * Lambda's init runs it beside the schema and Jersey builds, so the first request does not
   * wait on Cognito's JWKS (75 ms of a quiet cold start's first request, docs/benchmarks.md).
   *
   * @throws KeySourceException when an issuer's keys cannot be fetched (the first request retries)
   */
  public void fetchKeys() throws KeySourceException {
    JWKSelector any = new JWKSelector(new JWKMatcher.Builder().build());
    for (Processor processor : issuers.values()) {
      processor.trusted().keys().get(any, null);
    }
  }

  /** The tenant of an {@code Authorization: Bearer <token>} header. */
  public Tenant authenticate(String authorizationHeader) throws UnauthenticatedException {
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      throw new UnauthenticatedException("Missing bearer token");
    }
    String header = authorizationHeader.strip();
    if (header.equalsIgnoreCase(BEARER.strip())) {
      throw new UnauthenticatedException("Missing bearer token");
    }
    if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw new UnauthenticatedException("Use the Bearer authorization scheme");
    }
    return verify(header.substring(BEARER.length()).strip());
  }

  public Tenant verify(String token) throws UnauthenticatedException {
    if (token == null || token.isBlank()) {
      throw new UnauthenticatedException("Missing bearer token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new UnauthenticatedException("Malformed token");
    }
    SignedJWT jwt;
    JWTClaimsSet unverified;
    try {
      // Unsigned ("alg": "none") tokens are not JWS and fail to parse here.
      jwt = SignedJWT.parse(token);
      unverified = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new UnauthenticatedException("Malformed token");
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw new UnauthenticatedException("Unsupported token algorithm");
    }
    Processor issuer = unverified.getIssuer() == null ? null : issuers.get(unverified.getIssuer());
    if (issuer == null) {
      throw new UnauthenticatedException("Untrusted token issuer");
    }
    JWTClaimsSet claims = issuer.verifySignature(jwt);
    checkTimes(claims);
    return new Tenant(checkAudience(issuer.trusted(), claims));
  }

  private void checkTimes(JWTClaimsSet claims) throws UnauthenticatedException {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new UnauthenticatedException("Token has no expiry");
    }
    if (now.isAfter(exp.toInstant().plus(skew))) {
      throw new UnauthenticatedException("Token expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
      throw new UnauthenticatedException("Token not yet valid");
    }
    Date iat = claims.getIssueTime();
    if (iat != null && now.plus(skew).isBefore(iat.toInstant())) {
      throw new UnauthenticatedException("Token issued in the future");
    }
  }

  private String checkAudience(TrustedIssuer issuer, JWTClaimsSet claims) throws UnauthenticatedException {
    String tokenUse = stringClaim(claims, "token_use");
    if (tokenUse == null || !tokenUses.contains(tokenUse)) {
      throw new UnauthenticatedException("Token type not accepted");
    }
    // Cognito names the app client in client_id on access tokens and in aud on id tokens.
    List<String> clients = "access".equals(tokenUse)
        ? (stringClaim(claims, "client_id") == null ? List.of() : List.of(stringClaim(claims, "client_id")))
        : claims.getAudience();
    if (clients == null || clients.stream().noneMatch(issuer.clientIds()::contains)) {
      throw new UnauthenticatedException("Token was issued for another client");
    }
    String sub = claims.getSubject();
    if (sub == null || sub.isBlank() || sub.length() > Tenant.MAX_LENGTH) {
      throw new UnauthenticatedException("Token has no valid subject");
    }
    return sub;
  }

  private static String stringClaim(JWTClaimsSet claims, String name) throws UnauthenticatedException {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      throw new UnauthenticatedException("Malformed token");
    }
  }

  private static JWKSource<SecurityContext> remoteKeys(AuthConfiguration.Cognito cognito) {
    try {
      return JWKSourceBuilder.create(URI.create(cognito.jwksUrl()).toURL(),
              new DefaultResourceRetriever(2_000, 2_000, 64 * 1024))
          .cache(Duration.ofHours(6).toMillis(), Duration.ofSeconds(5).toMillis())
          .rateLimited(cognito.getJwksRefreshMinInterval().toMilliseconds())
          .retrying(true)
          .build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalStateException("auth.cognito JWKS URL is not a URL: " + cognito.jwksUrl(), e);
    }
  }

  /** Signature verification for one issuer; RS256 only, so HS256-with-the-public-key fails too. */
  private static final class Processor {
    private final TrustedIssuer trusted;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    Processor(TrustedIssuer trusted) {
      this.trusted = trusted;
      processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, trusted.keys()));
      // Times, audience and token_use are checked by JwtVerifier against its own clock.
      processor.setJWTClaimsSetVerifier((claims, context) -> {});
    }

    TrustedIssuer trusted() {
      return trusted;
    }

    JWTClaimsSet verifySignature(SignedJWT jwt) throws UnauthenticatedException {
      try {
        return processor.process(jwt, null);
      } catch (BadJOSEException e) {
        throw new UnauthenticatedException("Invalid token signature");
      } catch (JOSEException e) {
        throw new UnauthenticatedException("Token could not be verified");
      }
    }
  }

}
