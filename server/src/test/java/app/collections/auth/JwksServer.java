package app.collections.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for Cognito's {@code /.well-known/jwks.json}: real HTTP on loopback, keys swappable. */
public final class JwksServer implements AutoCloseable {
  private final HttpServer server;
  private final List<JWK> keys = new CopyOnWriteArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();

  public JwksServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/pool/.well-known/jwks.json", exchange -> {
      fetches.incrementAndGet();
      byte[] body = new JWKSet(List.copyOf(keys)).toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/pool";
  }

  public void publish(JWK key) {
    keys.add(key.toPublicJWK());
  }

  public int fetches() {
    return fetches.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
