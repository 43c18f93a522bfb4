package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built Lambda jar, as the API, processor and migrator functions get it (failsafe runs this
 * after {@code package}): it carries no local stand-in, no tool and neither the prototype import
 * nor SQLite (those are the import function's, in lambda-import's jar), every class of ours
 * resolves against the jar alone, and the API handler answers a request from it in a fresh JVM
 * with only the jar on the class path. A class left out fails here, not in a cold start.
 */
class LambdaJarIT {
  private static final Path JAR = Path.of("target/collections-lambda.jar");
  private final ShadedJar jar = new ShadedJar(JAR);

  @Test
  void carriesNoLocalStandInToolOrHostOfTheirs() {
    assertThat(jar.entriesContaining(ShadedJar.NEVER_ON_LAMBDA)).isEmpty();
  }

  /** Every API request loads this jar: the one-time migration and its SQLite driver stay out of it. */
  @Test
  void carriesNeitherThePrototypeImportNorSqlite() {
    // "org/sqlite/" also finds the driver's multi-release classes under META-INF/versions/.
    assertThat(jar.entriesContaining(List.of("org/sqlite/", "app/collections/prototype/", "app/collections/lambda/imports/")))
        .isEmpty();
    assertThat(jar.text("META-INF/services/java.sql.Driver")).doesNotContain("org.sqlite");
  }

  @Test
  void everyClassOfOursResolvesAgainstTheJarAlone() throws Exception {
    ShadedJar.Resolution resolution = jar.resolveOurClasses();
    assertThat(resolution.failures()).isEmpty();
    assertThat(resolution.loaded()).as("classes of ours in the jar").isGreaterThan(200);
  }

  @Test
  void theApiHandlerAnswersFromTheJarInAFreshJvm() throws Exception {
    try (ColdStartBench.Stage stage = new ColdStartBench.Stage(JAR)) {
      // Each run fails unless the first request is answered 200 for the token's user.
      ColdStartBench.Run plain = stage.run("", "plain");
      ColdStartBench.Run primed = stage.run("", "primed");
      assertThat(plain.classes()).isPositive();
      assertThat(primed.first()).isNotNegative();
    }
  }
}
