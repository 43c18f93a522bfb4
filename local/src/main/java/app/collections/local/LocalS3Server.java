package app.collections.local;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import app.collections.http.AllowedOrigins;
import java.util.List;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * Local mode's S3: S3Proxy in this process, storing objects as files under the data folder (so
 * images survive restarts), on loopback only, verifying AWS signatures like S3 does, so the same
 * SDK client and presigner run here as in production.
 */
public final class LocalS3Server implements Managed {
  public static final String ACCESS_KEY = "collections-local";
  public static final String SECRET_KEY = "collections-local-secret";

  private final S3Proxy proxy;
  private final int port;

  public LocalS3Server(Path directory, int port) {
    this(directory, port, new AllowedOrigins(List.of()));
  }

  /**
   * {@code corsOrigins}: the web origins whose pages may PUT a presigned upload (and GET the
   * image) from a browser, the same as may call /graphql.
   */
  public LocalS3Server(Path directory, int port, AllowedOrigins corsOrigins) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the local S3 folder " + directory, e);
    }
    this.port = port;
    this.proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()))
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        // A presigned PUT carries its headers (Content-Type, the checksum) signed; any may be sent.
        .corsRules(corsOrigins.isEmpty() ? CrossOriginResourceSharing.disabled()
            : new CrossOriginResourceSharing(corsOrigins.regexes(), List.of("GET", "HEAD", "PUT"), List.of("*"),
                List.of("ETag"), "false"))
        .build();
  }

  /** Starts the server; a second call (the host's lifecycle after the host started it) does nothing. */
  @Override
  public synchronized void start() throws Exception {
    if ("STARTED".equals(proxy.getState())) {
      return;
    }
    if (port != 0) {
      PortOwner.of(port).ifPresent(owner -> {
        throw new PortTakenException(port, "storage.local.port, S3_PORT", owner.describe());
      });
    }
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the local S3 server did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void stop() throws Exception {
    proxy.stop();
  }

  /** The endpoint clients use; with port 0, only known after {@link #start()}. */
  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }
}
