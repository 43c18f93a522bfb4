package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The built Lambda jar, as the functions get it (failsafe runs this after {@code package}): it
 * carries no local stand-in and no tool, every class of ours resolves against the jar alone, and
 * the API handler answers a request from it in a fresh JVM with only the jar on the class path.
 * A class left out fails here, not in a cold start.
 */
class LambdaJarIT {
  private static final Path JAR = Path.of("target/collections-lambda.jar");

  @Test
  void carriesNoLocalStandInToolOrHostOfTheirs() throws Exception {
    List<String> forbidden = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      jar.stream().map(JarEntry::getName)
          .filter(name -> name.startsWith("app/collections/local/") || name.startsWith("app/collections/tools/")
              || name.startsWith("app/collections/server/") || name.startsWith("org/gaul/s3proxy/")
              || name.startsWith("ai/onnxruntime/") || name.startsWith("net/sourceforge/tess4j/")
              || name.startsWith("io/dropwizard/core/"))
          .forEach(forbidden::add);
    }
    assertThat(forbidden).isEmpty();
  }

  @Test
  void everyClassOfOursResolvesAgainstTheJarAlone() throws Exception {
    List<String> failures = new ArrayList<>();
    int loaded = 0;
    try (JarFile jar = new JarFile(JAR.toFile());
        URLClassLoader isolated = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
            ClassLoader.getPlatformClassLoader())) {
      for (String name : jar.stream().map(JarEntry::getName)
          .filter(n -> n.startsWith("app/collections/") && n.endsWith(".class")).toList()) {
        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        try {
          // Loading resolves the supertypes; reflecting on members resolves their signatures' types.
          Class<?> c = Class.forName(className, false, isolated);
          c.getDeclaredFields();
          c.getDeclaredMethods();
          c.getDeclaredConstructors();
          loaded++;
        } catch (ReflectiveOperationException | LinkageError e) {
          failures.add(className + ": " + e);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(loaded).as("classes of ours in the jar").isGreaterThan(200);
  }

  @Test
  void theApiHandlerAnswersFromTheJarInAFreshJvm() throws Exception {
    assertThat(Files.exists(JAR)).as("%s (mvn package)", JAR).isTrue();
    try (ColdStartBench.Stage stage = new ColdStartBench.Stage(JAR)) {
      // Each run fails unless the first request is answered 200 for the token's user.
      ColdStartBench.Run plain = stage.run("", "plain");
      ColdStartBench.Run primed = stage.run("", "primed");
      assertThat(plain.classes()).isPositive();
      assertThat(primed.first()).isNotNegative();
    }
  }
}
