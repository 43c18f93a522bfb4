package app.collections.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Relay global ids: {@code base64url("Item:<uuid>")}. Opaque to clients, and they say which type
 * they name, so {@code node(id:)} can find anything.
 */
public record GlobalId(String type, UUID id) {
  private static final int MAX_ENCODED_LENGTH = 100;

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  public static String encode(String type, UUID id) {
    return new GlobalId(type, id).encode();
  }

  /** Decodes any global id; BAD_USER_INPUT when it is not one of ours. */
  public static GlobalId decode(String encoded) {
    if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
      throw invalid();
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      if (colon <= 0) {
        throw invalid();
      }
      return new GlobalId(text.substring(0, colon), UUID.fromString(text.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** Decodes an id that must name the given type. */
  public static UUID decode(String encoded, String expectedType) {
    GlobalId id = decode(encoded);
    if (!id.type().equals(expectedType)) {
      throw ApiException.badInput("Expected the id of a " + expectedType + ", got one of a " + id.type());
    }
    return id.id();
  }

  private static ApiException invalid() {
    return ApiException.badInput("Not a valid id");
  }
}
