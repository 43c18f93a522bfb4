package app.collections.chat;

import java.util.List;

/**
 * One page of a listing; {@code nextCursor} is null on the last page. A full page may still carry a
 * cursor whose page turns out empty (DynamoDB cannot tell whether more match until it looks).
 */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }
}
