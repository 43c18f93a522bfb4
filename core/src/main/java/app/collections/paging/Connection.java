package app.collections.paging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * A Relay connection. {@code totalCount} is a separate query, so it only runs when a client asks
 * for it.
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, IntSupplier counter) {

  public record Edge<T>(String cursor, T node) {}

  public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    /** The page's info from its edges (start and end cursors are theirs; null when there are none). */
    public static PageInfo of(List<? extends Edge<?>> edges, boolean hasNextPage, boolean hasPreviousPage) {
      return new PageInfo(hasNextPage, hasPreviousPage,
          edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor());
    }
  }

  /** Each row as an edge with its cursor, in the rows' order. */
  public static <T> List<Edge<T>> edges(List<T> rows, Function<T, String> cursorOf) {
    return rows.stream().map(r -> new Edge<>(cursorOf.apply(r), r)).toList();
  }

  public List<T> nodes() {
    return edges.stream().map(Edge::node).toList();
  }

  public int totalCount() {
    return counter.getAsInt();
  }

  /**
   * Builds a page from rows fetched with one row more than asked for (which says whether there
   * is more beyond). Backward rows arrive nearest-first and are put back in connection order.
   */
  public static <T> Connection<T> of(PageRequest request, List<T> rowsPlusOne,
      Function<T, String> cursorOf, IntSupplier counter) {
    boolean more = rowsPlusOne.size() > request.size();
    List<T> rows = new ArrayList<>(rowsPlusOne.subList(0, Math.min(request.size(), rowsPlusOne.size())));
    if (!request.forward()) {
      Collections.reverse(rows);
    }
    List<Edge<T>> edges = edges(rows, cursorOf);
    // Relay: with first/after, hasPreviousPage may be reported as "there was a cursor" (the row
    // it names is before us); likewise hasNextPage for last/before.
    boolean hasNext = request.forward() ? more : request.cursor() != null;
    boolean hasPrevious = request.forward() ? request.cursor() != null : more;
    return new Connection<>(edges, PageInfo.of(edges, hasNext, hasPrevious), counter);
  }
}
