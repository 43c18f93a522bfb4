package app.collections.db;

import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementException;

/**
 * A failure as it may be logged, on every path (GraphQL fetchers, the analysis pipeline, its
 * workers): JDBI's message (the statement, no bound values; see {@link Database}) with the stack,
 * but without the driver's exception, whose message can quote a bound value
 * ({@code invalid input syntax for type integer: "…"}) or a row ({@code Key (…)=(…)}): users' text.
 */
public final class LoggableFailure {
  private LoggableFailure() {}

  /** {@code failure} itself when no SQL exception is in its chain, else a value-free stand-in. */
  public static Throwable of(Throwable failure) {
    Throwable sql = failure;
    while (sql != null && !(sql instanceof SQLException)) {
      sql = sql.getCause();
    }
    if (sql == null) {
      return failure;
    }
    String state = ((SQLException) sql).getSQLState();
    RuntimeException safe = new RuntimeException(failure instanceof StatementException
        ? failure.getMessage() : "SQL failed with SQLState " + state + " (" + failure.getClass().getSimpleName() + ")");
    safe.setStackTrace(failure.getStackTrace());
    return safe;
  }
}
