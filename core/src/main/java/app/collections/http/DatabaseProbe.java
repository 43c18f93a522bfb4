package app.collections.http;

import app.collections.db.DatabaseDao;
import app.collections.db.LoggableFailure;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether PostgreSQL answers, for /health: one trivial statement with a short timeout
 * ({@link DatabaseDao#ping}), asked at most once per {@link #FRESH_FOR} however many callers ask,
 * so an uptime checker, a load balancer or a flood of /health costs the database one statement a
 * second per process. While a check runs, other callers get the previous answer instead of waiting
 * for it (only the very first check is waited for), so a slow database does not pile them up.
 */
public final class DatabaseProbe {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);
  /** How long one check answers for: enough to absorb a flood, short enough for an uptime checker. */
  static final Duration FRESH_FOR = Duration.ofSeconds(1);
  static final String OK = "ok";
  /** No connection: refused, unresolvable, the server shutting down or not yet accepting them. */
  static final String UNREACHABLE = "unreachable";
  /** Connected, but SELECT 1 outlived {@link DatabaseDao#PING_TIMEOUT_SECONDS}. */
  static final String TIMEOUT = "timeout";
  /** Anything else (the pool's wait for a free connection, say). */
  static final String ERROR = "error";

  /**
   * One check's finding.
   *
   * @param database {@code ok}, or why not: {@code unreachable}, {@code timeout} or {@code error}
   *     (a word, never the driver's message: the answer is public)
   * @param at when the check ended
   */
  public record Check(String database, Instant at) {
    public boolean ok() {
      return OK.equals(database);
    }
  }

  private final DatabaseDao dao;
  private final Clock clock;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile Check last;

  public DatabaseProbe(Jdbi jdbi, Clock clock) {
    this.dao = jdbi.onDemand(DatabaseDao.class);
    this.clock = clock;
  }

  /** The last check if it is fresh, else a new one. */
  public Check check() {
    Check known = last;
    if (fresh(known)) {
      return known;
    }
    if (!checking.tryLock()) {
      if (known != null) {
        return known;
      }
      checking.lock();
    }
    try {
      Check current = last;
      if (fresh(current)) {
        return current;
      }
      Check found = new Check(ping(current), clock.instant());
      last = found;
      return found;
    } finally {
      checking.unlock();
    }
  }

  private boolean fresh(Check check) {
    if (check == null) {
      return false;
    }
    Instant now = clock.instant();
    // A clock set back is not a reason to keep an old answer.
    return !now.isBefore(check.at()) && now.isBefore(check.at().plus(FRESH_FOR));
  }

  /** Logs only a change, so a database that stays down is one line, not one a second. */
  private String ping(Check previous) {
    try {
      dao.ping();
      if (previous != null && !previous.ok()) {
        LOG.info("The database answers again: /health is ok");
      }
      return OK;
    } catch (RuntimeException e) {
      String reason = reason(e);
      if (previous == null || previous.ok()) {
        LOG.warn("The database is {}: /health answers 503", reason, LoggableFailure.of(e));
      }
      return reason;
    }
  }

  static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exceptions; 57P01-57P03: shutting down, crashed, not accepting connections yet.
        if (state.startsWith("08") || state.startsWith("57P")) {
          return UNREACHABLE;
        }
        // 57014: query_canceled, which is how the driver's query timeout ends a statement.
        if (state.equals("57014")) {
          return TIMEOUT;
        }
      }
    }
    return ERROR;
  }
}
