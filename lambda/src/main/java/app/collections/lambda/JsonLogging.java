package app.collections.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The Lambda functions' logging, configured in code: one JSON object a line, which CloudWatch Logs
 * Insights reads field by field, with the MDC (requestId, set by ApiHandler for each invocation;
 * the hashed tenant and the operation, app.collections.logging.LogFields). Logback finds it through
 * {@code META-INF/services} and runs it first; it acts only when the stack asks for it with
 * {@code -Dcollections.logging=json} (ServiceFunctions' JAVA_TOOL_OPTIONS), so tests and operators
 * keep Logback's usual files. In code, not XML: Joran's XML configuration loaded 514 Logback and
 * 115 Xerces classes at every cold start (docs/benchmarks.md, "Lambda cold start").
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class JsonLogging extends ContextAwareBase implements Configurator {
  /** The system property that turns it on, and its value. */
  public static final String PROPERTY = "collections.logging";
  public static final String JSON = "json";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (!JSON.equals(System.getProperty(PROPERTY))) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Stdout as JSON; our own loggers at INFO, every library at WARN (Flyway's INFO lines are noise here). */
  static void apply(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithArguments(false);
    encoder.setWithMessage(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setContext(context);
    stdout.setName("STDOUT");
    stdout.setEncoder(encoder);
    stdout.start();
    context.getLogger("app.collections").setLevel(Level.INFO);
    context.getLogger("org.flywaydb").setLevel(Level.WARN);
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stdout);
  }
}
