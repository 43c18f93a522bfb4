package app.collections.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Which build this is, as /version reports it: the git commit, when it was built (ISO-8601, UTC)
 * and the project's version. The build writes them into {@link #RESOURCE} (core/pom.xml: the
 * commit by git-commit-id-maven-plugin, the rest by Maven); what it could not tell, a build outside
 * a git checkout's commit say, is {@link #UNKNOWN}, never a reason not to start.
 */
public record BuildInfo(String commit, String builtAt, String version) {
  static final String RESOURCE = "/app/collections/http/build-info.properties";
  static final String UNKNOWN = "unknown";
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  /** This jar's, read once by the assembly. */
  public static BuildInfo ofThisBuild() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(properties);
  }

  /** Unfilled placeholders and values of the wrong shape are unknown. */
  static BuildInfo of(Properties properties) {
    return new BuildInfo(value(properties, "commit", COMMIT), value(properties, "builtAt", INSTANT),
        value(properties, "version", null));
  }

  private static String value(Properties properties, String key, Pattern shape) {
    String value = properties.getProperty(key, "").strip();
    boolean filled = !value.isEmpty() && !value.contains("${");
    return filled && (shape == null || shape.matcher(value).matches()) ? value : UNKNOWN;
  }
}
