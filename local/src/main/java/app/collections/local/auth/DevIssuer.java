package app.collections.local.auth;

import app.collections.auth.AuthConfiguration;
import app.collections.auth.JwtVerifier;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Local mode's stand-in for Cognito: an RSA key made once and kept under the data folder, and
 * tokens shaped like Cognito access tokens ({@code sub} is the user name). Never enabled in
 * production configuration.
 */
public final class DevIssuer {
  static final String KEY_FILE = "dev-issuer/signing-key.json";
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private final RSAKey key;
  private final String issuer;
  private final String clientId;
  private final Duration lifetime;
  private final Clock clock;

  DevIssuer(RSAKey key, AuthConfiguration.DevIssuerConfiguration config, Clock clock) {
    this.key = key;
    this.issuer = config.getIssuer();
    this.clientId = config.getClientId();
    this.lifetime = config.getTokenLifetime().toJavaDuration();
    this.clock = clock;
  }

  /** The issuer whose key is stored in {@code dataDir}, creating the key on first use. */
  public static DevIssuer loadOrCreate(Path dataDir, AuthConfiguration.DevIssuerConfiguration config) {
    return new DevIssuer(loadOrCreateKey(dataDir.resolve(KEY_FILE)), config, Clock.systemUTC());
  }

  public String issuer() {
    return issuer;
  }

  public String clientId() {
    return clientId;
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** The public half, for verification and the JWKS endpoint. */
  public JWKSet publicJwks() {
    return new JWKSet(key.toPublicJWK());
  }

  public static boolean isValidUserName(String userName) {
    return userName != null && USER_NAME.matcher(userName).matches();
  }

  /** A signed access token for {@code userName}, valid for the configured lifetime. */
  public String mint(String userName) {
    if (!isValidUserName(userName)) {
      throw new IllegalArgumentException("A user name is 1 to 64 letters, digits, or . _ @ -");
    }
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(userName)
        .claim("token_use", "access")
        .claim("client_id", clientId)
        .claim("username", userName)
        .claim("scope", "aws.cognito.signin.user.admin")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a dev token", e);
    }
    return jwt.serialize();
  }

  private static RSAKey loadOrCreateKey(Path file) {
    try {
      if (Files.exists(file)) {
        return RSAKey.parse(Files.readString(file));
      }
      Files.createDirectories(file.getParent());
      RSAKey key = new RSAKeyGenerator(2048)
          .keyID(UUID.randomUUID().toString())
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
      try {
        // Owner-only from the moment it exists: the file is a private key.
        Path created = createPrivateFile(file);
        Files.writeString(created, key.toJSONString(), StandardOpenOption.TRUNCATE_EXISTING);
        return key;
      } catch (FileAlreadyExistsException raced) {
        // Another process (the server, a token command) made it first: use theirs.
        return RSAKey.parse(Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the dev issuer key at " + file, e);
    } catch (JOSEException | ParseException e) {
      throw new IllegalStateException("the dev issuer key at " + file + " is unusable; delete it to make a new one", e);
    }
  }

  private static Path createPrivateFile(Path file) throws IOException {
    try {
      return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createFile(file);
    }
  }

  /** This issuer as the verifier trusts it. */
  public JwtVerifier.TrustedIssuer trustedIssuer() {
    return new JwtVerifier.TrustedIssuer(issuer(), new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(publicJwks()),
        java.util.Set.of(clientId()));
  }
}
