package app.collections.lambda.imports;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.lambda.ShadedJar;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The built import jar, as the import function gets it (failsafe runs this after {@code package}):
 * the handler, the prototype import and SQLite with its native library for the functions' arm64,
 * still no local stand-in or tool; every class of ours resolves against the jar alone, and SQLite
 * (FTS5 and bm25, as PrototypeData ranks) runs from the jar alone, its native library included.
 */
class ImportJarIT {
  private static final Path JAR = Path.of("target/collections-import.jar");
  private final ShadedJar jar = new ShadedJar(JAR);

  @Test
  void carriesTheHandlerThePrototypeImportAndSqliteForArm64() {
    assertThat(jar.entries()).contains(
        "app/collections/lambda/imports/ImportHandler.class",
        "app/collections/prototype/PrototypeMigration.class",
        "app/collections/prototype/ImportDao/insertItem.sql",
        "org/sqlite/JDBC.class",
        "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so");
    assertThat(jar.text("META-INF/services/java.sql.Driver")).contains("org.sqlite.JDBC", "org.postgresql.Driver");
    // The two Linux libraries the shade keeps of the twenty the driver ships.
    List<String> natives = jar.entries().stream()
        .filter(name -> name.startsWith("org/sqlite/native/") && !name.endsWith("/")).toList();
    assertThat(natives).containsExactlyInAnyOrder("org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
        "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so");
  }

  @Test
  void carriesNoLocalStandInToolOrHostOfTheirs() {
    assertThat(jar.entriesContaining(ShadedJar.NEVER_ON_LAMBDA)).isEmpty();
  }

  @Test
  void everyClassOfOursResolvesAgainstTheJarAlone() throws Exception {
    ShadedJar.Resolution resolution = jar.resolveOurClasses();
    assertThat(resolution.failures()).isEmpty();
    assertThat(resolution.loaded()).as("classes of ours in the jar").isGreaterThan(200);
  }

  /** On this machine's x86_64, as on the function's arm64: the driver finds its library in the jar. */
  @Test
  void sqliteRanksWithFts5FromTheJarAlone() throws Exception {
    try (URLClassLoader isolated = jar.isolated()) {
      Driver driver = (Driver) Class.forName("org.sqlite.JDBC", true, isolated).getDeclaredConstructor().newInstance();
      assertThat(driver.getClass().getClassLoader()).isSameAs(isolated);
      try (Connection sqlite = driver.connect("jdbc:sqlite::memory:", new Properties());
          Statement statement = sqlite.createStatement()) {
        statement.execute("CREATE VIRTUAL TABLE documents USING fts5(body)");
        statement.execute("INSERT INTO documents (rowid, body) VALUES (1, 'a receipt'), (2, 'ramen in tokyo, ramen again')");
        try (ResultSet ranked = statement.executeQuery(
            "SELECT rowid FROM documents WHERE documents MATCH 'ramen' ORDER BY bm25(documents)")) {
          assertThat(ranked.next()).isTrue();
          assertThat(ranked.getLong(1)).isEqualTo(2);
          assertThat(ranked.next()).isFalse();
        }
      }
    }
  }
}
