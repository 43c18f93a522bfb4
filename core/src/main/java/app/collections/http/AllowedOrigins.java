package app.collections.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The configured CORS origins ({@code scheme://host[:port]}, or {@code scheme://host:*} for any
 * port), matched exactly against a request's {@code Origin}: no suffix or substring matching, so
 * {@code http://localhost.evil.example} is not {@code http://localhost:*}.
 */
public final class AllowedOrigins {
  private final List<Pattern> patterns;

  public AllowedOrigins(List<String> origins) {
    this.patterns = origins.stream().filter(Objects::nonNull).map(String::strip).filter(o -> !o.isEmpty())
        .map(AllowedOrigins::pattern).toList();
  }

  public boolean allows(String origin) {
    return origin != null && patterns.stream().anyMatch(p -> p.matcher(origin.toLowerCase(Locale.ROOT)).matches());
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** The same rules as regular expressions, for S3Proxy's CORS settings. */
  public List<String> regexes() {
    return patterns.stream().map(Pattern::pattern).toList();
  }

  private static Pattern pattern(String origin) {
    String lower = origin.toLowerCase(Locale.ROOT);
    boolean anyPort = lower.endsWith(":*");
    String base = anyPort ? lower.substring(0, lower.length() - 2) : lower;
    URI uri = URI.create(base);
    if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
      throw new IllegalArgumentException("a CORS origin is scheme://host[:port] or scheme://host:*, not " + origin);
    }
    return Pattern.compile(Pattern.quote(base) + (anyPort ? "(:[0-9]{1,5})?" : ""));
  }
}
