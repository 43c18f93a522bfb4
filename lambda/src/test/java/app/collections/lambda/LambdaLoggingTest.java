package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.json.Json;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.util.ServiceLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The Lambda functions' log configuration: one JSON object a line, with the request id. */
class LambdaLoggingTest {
  @Test
  void writesOneJsonObjectALineWithTheRequestId() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    LoggerContext context = new LoggerContext();
    // The process's MDC, which ApiHandler fills: a fresh context has none of its own.
    context.setMDCAdapter(MDC.getMDCAdapter());
    try {
      // The console appender takes System.out when it starts.
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      System.setProperty(JsonLogging.PROPERTY, JsonLogging.JSON);
      assertThat(new JsonLogging().configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
      MDC.put(ApiHandler.REQUEST_ID, "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
      context.getLogger("app.collections.lambda.ApiHandler").info("Answered in {} ms", 12);
      context.getLogger("org.glassfish.jersey.Noise").info("not at WARN");
    } finally {
      MDC.remove(ApiHandler.REQUEST_ID);
      System.clearProperty(JsonLogging.PROPERTY);
      context.stop();
      System.setOut(stdout);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(1);
    JsonNode line = Json.MAPPER.readTree(lines[0]);
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("loggerName").asText()).isEqualTo("app.collections.lambda.ApiHandler");
    assertThat(line.path("formattedMessage").asText()).isEqualTo("Answered in 12 ms");
    assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
  }

  @Test
  void isFoundByLogbackAndLeavesItsFilesAloneUnlessAskedFor() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> (Object) p.type()))
        .as("Logback loads configurators through META-INF/services").contains(JsonLogging.class);
    LoggerContext context = new LoggerContext();
    assertThat(new JsonLogging().configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
  }
}
