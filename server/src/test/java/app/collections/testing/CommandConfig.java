package app.collections.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The configuration file a command line of the application is given in tests: the test database, local mode. */
public final class CommandConfig {
  private CommandConfig() {}

  /**
   * {@code dir/config.yml} over {@code db}, data under {@code dir/data}, the dev issuer on, and the
   * in-process S3 server on {@code s3Port} (0: a free port; null: no local S3 at all).
   */
  public static Path write(Path dir, TestDatabase db, Integer s3Port) throws Exception {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, """
        dataDir: %s
        database:
          driverClass: org.postgresql.Driver
          url: %s
          user: %s
          password: %s
          initialSize: 1
          minSize: 1
          maxSize: 2
        auth:
          devIssuer:
            enabled: true
        storage:
          local:
            enabled: %s
            port: %d
        """.formatted(dir.resolve("data"), db.url(), db.user(), db.password(), s3Port != null,
        s3Port == null ? 0 : s3Port));
    return file;
  }
}
