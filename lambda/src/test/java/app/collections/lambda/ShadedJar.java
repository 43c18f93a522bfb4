package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A built function jar as Lambda gets it, for the checks on it after {@code package}: what it
 * carries, and whether our classes load against it alone. LambdaJarIT reads the API's jar,
 * lambda-import's ImportJarIT the import function's.
 */
public final class ShadedJar {
  /**
   * What only local mode or the server runs, never a function: the stand-ins, the tools, the
   * server host, S3Proxy, the ONNX runtime, Tesseract, Dropwizard's server.
   */
  public static final List<String> NEVER_ON_LAMBDA = List.of("app/collections/local/", "app/collections/tools/",
      "app/collections/server/", "org/gaul/s3proxy/", "ai/onnxruntime/", "net/sourceforge/tess4j/",
      "io/dropwizard/core/");

  private final Path path;

  public ShadedJar(Path path) {
    assertThat(Files.isRegularFile(path)).as("%s (mvn package)", path).isTrue();
    this.path = path;
  }

  /** Every entry's name, directories included. */
  public List<String> entries() {
    try (JarFile jar = new JarFile(path.toFile())) {
      return jar.stream().map(JarEntry::getName).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries whose names contain any of {@code parts} (a package's path, wherever a multi-release jar puts it). */
  public List<String> entriesContaining(List<String> parts) {
    return entries().stream().filter(name -> parts.stream().anyMatch(name::contains)).toList();
  }

  /** An entry's text, e.g. a {@code META-INF/services} file; empty when the jar has no such entry. */
  public String text(String entry) {
    try (JarFile jar = new JarFile(path.toFile())) {
      JarEntry found = jar.getJarEntry(entry);
      return found == null ? "" : new String(jar.getInputStream(found).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class loader over this jar alone, above the JDK's platform classes: nothing of the build's class path. */
  public URLClassLoader isolated() {
    try {
      return new URLClassLoader(new URL[] {path.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many of the jar's classes of ours loaded against it alone, and those that did not, with why. */
  public record Resolution(int loaded, List<String> failures) {}

  /**
   * Loads every class of ours in the jar against the jar alone: loading resolves the supertypes,
   * reflecting on members resolves their signatures' types. A class left out fails here, not in a
   * cold start.
   */
  public Resolution resolveOurClasses() throws IOException {
    List<String> failures = new ArrayList<>();
    int loaded = 0;
    try (URLClassLoader isolated = isolated()) {
      for (String name : entries().stream().filter(n -> n.startsWith("app/collections/") && n.endsWith(".class")).toList()) {
        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        try {
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
    return new Resolution(loaded, failures);
  }
}
