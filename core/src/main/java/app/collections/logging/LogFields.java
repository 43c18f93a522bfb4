package app.collections.logging;

import app.collections.auth.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MDC keys every request's log lines carry (the Lambda host's JSON logging writes the MDC), so
 * CloudWatch Logs Insights can filter one request, one trace, one tenant or one operation.
 */
public final class LogFields {
  /** The W3C trace id of the request ({@link app.collections.tracing.Tracing}). */
  public static final String TRACE_ID = "traceId";
  /** This service's span within that trace: the parent id of anything it calls. */
  public static final String SPAN_ID = "spanId";
  /** {@link #tenantHash}, never the tenant id itself. */
  public static final String TENANT = "tenant";
  /** The GraphQL operation name the client sent, when it sent one. */
  public static final String OPERATION = "operation";
  /** 16 hex digits (64 bits): no two of even a million tenants share one by chance. */
  static final int TENANT_HASH_HEX_DIGITS = 16;

  /** The client chooses the operation name: a longer one is cut, so no request fills the log line. */
  static final int MAX_OPERATION_CHARS = 100;

  private LogFields() {}

  /** The operation name as logged: at most {@link #MAX_OPERATION_CHARS} of it. */
  public static String operation(String name) {
    return name.length() <= MAX_OPERATION_CHARS ? name : name.substring(0, MAX_OPERATION_CHARS);
  }

  /**
   * The first 16 hex digits of SHA-256 of the tenant id, unsalted. On Lambda tenants are Cognito
   * subs, random UUIDs (122 bits), so the hash gives away nothing that guessing could confirm,
   * while the id itself, the key to a person's rows, stays out of the logs. Unsalted on purpose:
   * support finds a user's lines with {@code printf %s "$sub" | sha256sum | cut -c1-16} and there
   * is no secret to keep, rotate, or lose (a salt would make old lines unfindable after a change).
   */
  public static String tenantHash(Tenant tenant) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenant.id().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, TENANT_HASH_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
