package app.collections.lambda;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/**
 * A user pool's JWKS on loopback and the access tokens Cognito would issue against it, for the
 * built jar's handlers to verify as they verify Cognito's (the issuer is this server's URL).
 */
final class LocalCognito implements AutoCloseable {
  static final String USER_POOL_ID = "eu-west-1_Local";
  static final String CLIENT_ID = "client-a";
  private static final long TOKEN_LIFETIME_SECONDS = 3600;

  private final RSAKey key;
  private final HttpServer server;

  LocalCognito() throws JOSEException, IOException {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, jwks.length);
      exchange.getResponseBody().write(jwks);
      exchange.close();
    });
    server.start();
  }

  /** The issuer the handlers are told, in place of {@code https://cognito-idp.REGION.amazonaws.com/POOL}. */
  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + USER_POOL_ID;
  }

  /** An access token for the user, as the app sends it after signing in. */
  String accessToken(String subject) throws JOSEException {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer()).subject(subject).claim("token_use", "access").claim("client_id", CLIENT_ID)
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(TOKEN_LIFETIME_SECONDS))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
