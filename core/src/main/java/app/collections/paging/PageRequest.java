package app.collections.paging;

import app.collections.errors.DomainException;

import graphql.schema.DataFetchingEnvironment;

/**
 * The Relay paging arguments of one connection field, checked: the one place a page size and its
 * direction are validated. {@link #from} takes {@code first}/{@code after} (forward) or
 * {@code last}/{@code before} (backward), never both; {@link #forwardOnly} the connections that
 * only page forward. Cursors stay opaque strings here; each connection decodes its own.
 */
public record PageRequest(boolean forward, int size, String cursor) {
  public static final int DEFAULT_SIZE = 20;

  /** Both directions, a size of 0 to {@code maxSize} (0 asks only for totalCount). */
  public static PageRequest from(DataFetchingEnvironment env, int maxSize) {
    Integer first = env.getArgument("first");
    Integer last = env.getArgument("last");
    String after = env.getArgument("after");
    String before = env.getArgument("before");
    if (first != null && last != null) {
      throw DomainException.invalidInput("Pass either first or last, not both");
    }
    if ((first != null && before != null) || (last != null && after != null)
        || (after != null && before != null)) {
      throw DomainException.invalidInput("Page forward with first/after or backward with last/before");
    }
    boolean forward = last == null && before == null;
    int size = size(forward ? "first" : "last", forward ? first : last, 0, Math.min(DEFAULT_SIZE, maxSize), maxSize);
    return new PageRequest(forward, size, forward ? after : before);
  }

  /** {@code first}/{@code after} only, a size of 1 to {@code maxSize}. */
  public static PageRequest forwardOnly(DataFetchingEnvironment env, int defaultSize, int maxSize) {
    return new PageRequest(true, first(env.getArgument("first"), defaultSize, maxSize), env.getArgument("after"));
  }

  /** A list field's {@code first} (no cursor): 1 to {@code maxSize}, {@code defaultSize} when absent. */
  public static int first(Integer first, int defaultSize, int maxSize) {
    return size("first", first, 1, defaultSize, maxSize);
  }

  private static int size(String name, Integer given, int min, int defaultSize, int maxSize) {
    if (given != null && (given < min || given > maxSize)) {
      throw DomainException.invalidInput(name + " must be between " + min + " and " + maxSize);
    }
    return given == null ? defaultSize : given;
  }
}
