package app.collections.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.testing.Commands;
import app.collections.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `java -jar collections.jar db migrate|info config.yml` on an empty database. */
class DbCommandTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.unmigrated();
  @TempDir Path dir;

  @Test
  void migratesAnEmptyDatabaseOnceAndReportsTheVersions() throws Exception {
    Path config = config();

    String first = run("db", "migrate", config.toString());
    assertThat(first).containsPattern("Applied [1-9][0-9]* migration");
    assertThat(tables()).contains("items", "analyses", "embeddings", "uploads", "jobs");

    assertThat(run("db", "migrate", config.toString())).contains("Applied 0 migration(s)");
    assertThat(run("db", "info", config.toString())).contains("items analyses embeddings").contains("uploads jobs").doesNotContainIgnoringCase("pending");
  }

  private List<String> tables() {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").mapTo(String.class).list());
  }

  private Path config() throws Exception {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, """
        database:
          driverClass: org.postgresql.Driver
          url: %s
          user: %s
          password: %s
          initialSize: 1
          minSize: 1
          maxSize: 2
        """.formatted(db.url(), db.user(), db.password()));
    return file;
  }

  private static String run(String... args) throws Exception {
    return Commands.run(args);
  }
}
