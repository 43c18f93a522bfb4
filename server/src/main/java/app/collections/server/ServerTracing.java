package app.collections.server;

import io.dropwizard.lifecycle.Managed;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server's span exporter, chosen as OpenTelemetry's own variable chooses it:
 * {@code OTEL_TRACES_EXPORTER} unset or {@code none} exports nothing (the spans still give the logs
 * and the providers their trace and span ids, app.collections.tracing.Tracing); {@code logging}
 * writes each finished span as one log line (logger {@code io.opentelemetry.exporter.logging}),
 * enough to read a request's model and embedding calls on a development machine. Anything else is
 * refused at start, rather than silently exporting nothing. Production traces are the Lambda
 * functions' (docs/deploy.md, "Traces").
 */
final class ServerTracing {
  static final String VARIABLE = "OTEL_TRACES_EXPORTER";
  static final String SERVICE_NAME = "collections";

  private ServerTracing() {}

  /** Installs the chosen SDK as the global one; its shutdown (flushing what is left) is the returned lifecycle. */
  static Optional<Managed> install(String exporter) {
    if (exporter == null || exporter.isBlank() || exporter.strip().equals("none")) {
      return Optional.empty();
    }
    if (!exporter.strip().equals("logging")) {
      throw new IllegalArgumentException(VARIABLE + "=" + exporter + " is not an exporter this server has: "
          + "use logging, or none (the default)");
    }
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
            io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), SERVICE_NAME))))
        .addSpanProcessor(SimpleSpanProcessor.create(LoggingSpanExporter.create()))
        .build();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
    return Optional.of(new Managed() {
      @Override
      public void stop() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
      }
    });
  }
}
