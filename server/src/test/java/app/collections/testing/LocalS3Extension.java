package app.collections.testing;

import app.collections.local.LocalS3Server;
import app.collections.storage.ImageStore;
import app.collections.storage.StorageConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The in-process S3 server for one test class, on a free port with its objects in a temporary
 * folder, and the service's bucket made in it: the same S3 requests and signatures as local mode.
 */
public final class LocalS3Extension implements BeforeAllCallback, AfterAllCallback {
  private LocalS3Server server;
  private ImageStore images;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path folder = Files.createTempDirectory("collections-s3-");
    server = new LocalS3Server(folder, 0);
    server.start();
    images = ImageStore.create(new StorageConfiguration(), server.endpoint(), LocalS3Server.ACCESS_KEY,
        LocalS3Server.SECRET_KEY);
    images.createBucketIfMissing();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  /** The service's image store over it. */
  public ImageStore images() {
    return images;
  }

  public String endpoint() {
    return server.endpoint().toString();
  }
}
