package app.collections.db;

import com.codahale.metrics.MetricRegistry;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/** A timer per DAO method ({@code sql.ItemDao.page}), so slow queries show up by name. */
final class TimingSqlLogger implements SqlLogger {
  private final MetricRegistry metrics;

  TimingSqlLogger(MetricRegistry metrics) {
    this.metrics = metrics;
  }

  @Override
  public void logAfterExecution(StatementContext context) {
    record(context);
  }

  @Override
  public void logException(StatementContext context, java.sql.SQLException ex) {
    record(context);
  }

  private void record(StatementContext context) {
    if (context.getExecutionMoment() == null || context.getCompletionMoment() == null) {
      return;
    }
    ExtensionMethod method = context.getExtensionMethod();
    String name = method == null
        ? "sql.adhoc"
        : "sql." + method.getType().getSimpleName() + "." + method.getMethod().getName();
    long nanos = context.getExecutionMoment().until(context.getCompletionMoment(), ChronoUnit.NANOS);
    metrics.timer(name).update(nanos, TimeUnit.NANOSECONDS);
  }
}
