package app.collections.graphql;

import graphql.schema.DataFetchingEnvironment;

/**
 * The Relay paging arguments of one connection field, checked: either {@code first}/{@code after}
 * (forward) or {@code last}/{@code before} (backward), never both, with a bounded page size.
 * Cursors stay opaque strings here; each connection decodes its own.
 */
public record PageRequest(boolean forward, int size, String cursor) {
  public static final int DEFAULT_SIZE = 20;

  public static PageRequest from(DataFetchingEnvironment env, int maxSize) {
    Integer first = env.getArgument("first");
    Integer last = env.getArgument("last");
    String after = env.getArgument("after");
    String before = env.getArgument("before");
    if (first != null && last != null) {
      throw ApiException.badInput("Pass either first or last, not both");
    }
    if ((first != null && before != null) || (last != null && after != null)
        || (after != null && before != null)) {
      throw ApiException.badInput("Page forward with first/after or backward with last/before");
    }
    boolean forward = last == null && before == null;
    Integer size = forward ? first : last;
    String name = forward ? "first" : "last";
    if (size != null && (size < 0 || size > maxSize)) {
      throw ApiException.badInput(name + " must be between 0 and " + maxSize);
    }
    return new PageRequest(forward, size == null ? Math.min(DEFAULT_SIZE, maxSize) : size,
        forward ? after : before);
  }
}
