package app.collections.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.tracing.Tracing;
import io.dropwizard.lifecycle.Managed;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OTEL_TRACES_EXPORTER on the server: nothing by default, each span in the log with logging, a typo refused. */
class ServerTracingTest {
  @AfterEach
  void forget() {
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void exportsNothingUnlessAskedAndRefusesAnExporterItDoesNotHave() {
    assertThat(ServerTracing.install(null)).isEmpty();
    assertThat(ServerTracing.install("none")).isEmpty();
    assertThatThrownBy(() -> ServerTracing.install("otlp")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTEL_TRACES_EXPORTER=otlp").hasMessageContaining("logging");
  }

  @Test
  void loggingWritesEachFinishedSpanWithItsIds() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Logger exporterLog = Logger.getLogger(LoggingSpanExporter.class.getName());
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    exporterLog.addHandler(handler);
    try {
      Managed sdk = ServerTracing.install("logging").orElseThrow();
      Span request = Tracing.startRequest("POST /graphql", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
      request.end();
      sdk.stop();
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("POST /graphql",
          "4bf92f3577b34da6a3ce929d0e0e4736", request.getSpanContext().getSpanId()));
    } finally {
      exporterLog.removeHandler(handler);
    }
  }
}
