package app.collections.logging;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context position (www.w3.org/TR/trace-context): the trace a request belongs to, the
 * span that made it, and the sampled flag. {@link #parse} accepts version 00's shape (and, as the
 * spec asks of an unknown higher version, its first four fields); anything else starts a new trace.
 */
public record TraceContext(String traceId, String spanId, String flags) {
  /** The request header, and the response header that tells the caller which span answered. */
  public static final String HEADER = "traceparent";
  private static final Pattern SHAPE = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
  private static final String INVALID_TRACE_ID = "0".repeat(32);
  private static final String INVALID_SPAN_ID = "0".repeat(16);
  /** Sampled: nothing here samples, so what the caller chose is passed on and a new trace is kept. */
  private static final String SAMPLED = "01";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The caller's position, or empty for a missing or malformed header (which is then ignored). */
  public static Optional<TraceContext> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    var match = SHAPE.matcher(header.strip());
    if (!match.matches()) {
      return Optional.empty();
    }
    String version = match.group(1);
    // Version ff is forbidden; version 00 has exactly four fields; later versions may add more.
    if (version.equals("ff") || (version.equals("00") && match.group(5) != null)
        || match.group(2).equals(INVALID_TRACE_ID) || match.group(3).equals(INVALID_SPAN_ID)) {
      return Optional.empty();
    }
    return Optional.of(new TraceContext(match.group(2), match.group(3), match.group(4)));
  }

  /** A new trace, for a request that came without one. */
  public static TraceContext newTrace() {
    return new TraceContext(randomHex(16), randomHex(8), SAMPLED);
  }

  /** A span of this trace made here, whose parent is this one. */
  public TraceContext child() {
    return new TraceContext(traceId, randomHex(8), flags);
  }

  /** The header value, always version 00 (what this implementation speaks). */
  public String header() {
    return "00-" + traceId + "-" + spanId + "-" + flags;
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    do {
      RANDOM.nextBytes(random);
    } while (isZero(random));
    return HexFormat.of().formatHex(random);
  }

  private static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
