package app.collections.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;

/**
 * PostgreSQL's {@code statement_timeout} is set on every pooled connection by the configuration
 * ({@code database.properties.options: -c statement_timeout=10s}, see README, "Limits"): no
 * statement on the request path can hold a connection and a core longer. The few statements that
 * legitimately take longer, schema migrations and a tenant's HNSW index build (minutes for a large
 * tenant), lift it for themselves and put the connection's default back before it returns to the pool.
 */
public final class StatementTimeout {
  private StatementTimeout() {}

  /** Runs {@code work} on the handle's session without a statement timeout, then restores the default. */
  public static <T> T lifted(Handle handle, java.util.function.Supplier<T> work) {
    DatabaseDao session = handle.attach(DatabaseDao.class);
    session.liftStatementTimeout();
    try {
      return work.get();
    } finally {
      session.resetStatementTimeout();
    }
  }

  /** A data source whose connections have no statement timeout while they are out of the pool. */
  static DataSource lifted(DataSource pool) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(pool, method, args);
          if (result instanceof Connection connection && "getConnection".equals(method.getName())) {
            execute(connection, "SET statement_timeout = 0");
            return restoringOnClose(connection);
          }
          return result;
        });
  }

  private static Connection restoringOnClose(Connection connection) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if ("close".equals(method.getName()) && !connection.isClosed()) {
            if (!connection.getAutoCommit()) {
              connection.rollback();
            }
            execute(connection, "RESET statement_timeout");
          }
          return invoke(connection, method, args);
        });
  }

  /** Flyway's connections, before any Jdbi exists: the same two settings, on the bare JDBC connection. */
  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
