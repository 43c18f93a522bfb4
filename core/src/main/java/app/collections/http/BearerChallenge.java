package app.collections.http;

import java.util.Locale;

/**
 * The {@code WWW-Authenticate} value of a 401, as RFC 6750 §3 has it: a request that sent no
 * bearer token (no header, another scheme, or "Bearer" alone) gets no error code; a token that
 * was sent and failed gets {@code error="invalid_token"} with the reason.
 */
final class BearerChallenge {
  static final String REALM = "collections";

  private BearerChallenge() {}

  static String of(String authorization, String reason) {
    if (!sentAToken(authorization)) {
      return "Bearer realm=\"" + REALM + "\"";
    }
    // The reason is one of JwtVerifier's fixed messages; quotes and backslashes cannot be in it,
    // but a quoted-string must not carry them anyway.
    String description = reason.replaceAll("[\"\\\\\\p{Cntrl}]", "");
    return "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + description + "\"";
  }

  private static boolean sentAToken(String authorization) {
    if (authorization == null) {
      return false;
    }
    String header = authorization.strip();
    return header.length() > "bearer ".length()
        && header.toLowerCase(Locale.ROOT).startsWith("bearer ")
        && !header.substring("bearer ".length()).isBlank();
  }
}
