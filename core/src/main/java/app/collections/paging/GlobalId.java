package app.collections.paging;

import app.collections.errors.DomainException;
import java.util.UUID;

/**
 * Relay global ids: {@code base64url("Item:<uuid>")}. Opaque to clients, and they say which type
 * they name, so {@code node(id:)} can find anything.
 */
public record GlobalId(String type, UUID id) {
  private static final CursorCodec CODEC = CursorCodec.untagged(2, "Not a valid id");

  public String encode() {
    return CODEC.encode(type, id);
  }

  public static String encode(String type, UUID id) {
    return new GlobalId(type, id).encode();
  }

  /** Decodes any global id; BAD_USER_INPUT when it is not one of ours. */
  public static GlobalId decode(String encoded) {
    return CODEC.decode(encoded, f -> new GlobalId(f.text(0), f.uuid(1)));
  }

  /** Decodes an id that must name the given type. */
  public static UUID decode(String encoded, String expectedType) {
    GlobalId id = decode(encoded);
    if (!id.type().equals(expectedType)) {
      throw DomainException.invalidInput("Expected the id of a " + expectedType + ", got one of a " + id.type());
    }
    return id.id();
  }
}
