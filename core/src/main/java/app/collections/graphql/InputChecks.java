package app.collections.graphql;

import graphql.analysis.QueryVisitorFieldEnvironment;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Argument values that fit the schema but not PostgreSQL, found before execution so that they are
 * the client's BAD_USER_INPUT rather than a failed statement answered as INTERNAL:
 * <ul>
 *   <li>a NUL character (U+0000) in any string: PostgreSQL text cannot hold one ("invalid byte
 *       sequence for encoding UTF8: 0x00");</li>
 *   <li>a DateTime offset past ±14:00: no time zone is further from UTC (Line Islands, +14:00;
 *       the furthest west is −12:00), and PostgreSQL refuses offsets past ±15:59 ("time zone
 *       displacement out of range"), which ISO 8601 and Java allow up to ±18:00.</li>
 * </ul>
 */
final class InputChecks {
  /** The furthest offset from UTC any real time zone has. */
  static final int MAX_OFFSET_SECONDS = ZoneOffset.ofHours(14).getTotalSeconds();

  private InputChecks() {}

  /** Why one of the field's arguments is refused, or null when they are all fine. */
  static String problem(QueryVisitorFieldEnvironment env) {
    for (Map.Entry<String, Object> argument : env.getArguments().entrySet()) {
      String problem = problem(argument.getValue());
      if (problem != null) {
        return "Argument " + argument.getKey() + " of " + env.getField().getName() + " " + problem;
      }
    }
    return null;
  }

  private static String problem(Object value) {
    if (value instanceof String text && text.indexOf('\u0000') >= 0) {
      return "contains a NUL character (U+0000), which text cannot hold";
    }
    if (value instanceof OffsetDateTime time && Math.abs(time.getOffset().getTotalSeconds()) > MAX_OFFSET_SECONDS) {
      return "has the offset " + time.getOffset() + "; offsets go from -14:00 to +14:00";
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String problem = problem(entry.getValue());
        if (problem != null) {
          return "(" + entry.getKey() + ") " + problem;
        }
      }
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        String problem = problem(element);
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }
}
