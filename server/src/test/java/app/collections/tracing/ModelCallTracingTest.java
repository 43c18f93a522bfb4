package app.collections.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.agent.AgentConfiguration;
import app.collections.agent.AgentModels;
import app.collections.embeddings.Embedder;
import app.collections.embeddings.EmbeddingConfiguration;
import app.collections.embeddings.Embedders;
import app.collections.logging.LogFields;
import app.collections.testing.ChatStack;
import app.collections.testing.FakeLlm;
import app.collections.testing.FakeVoyage;
import app.collections.testing.TestEmbedder;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.langchain4j.model.chat.ChatModel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Model and embedding calls in the trace and the logs, with an SDK installed as a deployment with
 * an exporter has it: each call is a span under the request's, named and attributed by the GenAI
 * conventions (provider, model, tokens), the provider receives that span as its traceparent, and
 * one log line per call says the same with the call's trace and span ids. The real langchain4j
 * clients talk to the fakes' wire protocols.
 */
class ModelCallTracingTest {
  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private static FakeLlm llm;
  private static FakeVoyage voyage;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void start() {
    llm = new FakeLlm();
    voyage = new FakeVoyage();
  }

  @AfterAll
  static void stop() {
    llm.close();
    voyage.close();
  }

  @BeforeEach
  void captureLogs() {
    logs.start();
    for (Class<?> type : List.of(ModelCallTracing.class, EmbeddingCallTracing.class)) {
      Logger logger = (Logger) LoggerFactory.getLogger(type);
      logger.setLevel(Level.DEBUG);
      logger.addAppender(logs);
    }
  }

  @AfterEach
  void releaseLogs() {
    for (Class<?> type : List.of(ModelCallTracing.class, EmbeddingCallTracing.class)) {
      Logger logger = (Logger) LoggerFactory.getLogger(type);
      logger.detachAppender(logs);
      logger.setLevel(null);
    }
  }

  @Test
  void anAgentCallToClaudeIsASpanUnderTheRequestWithItsModelAndTokens() {
    ChatModel model = AgentModels.create(new AgentConfiguration(), ChatStack.anthropicAt(llm)).orElseThrow();
    llm.script(e -> FakeLlm.text("hello"));
    Span request = Tracing.startRequest("POST /graphql", null);
    try (Scope ignored = request.makeCurrent()) {
      assertThat(model.chat("hi")).isEqualTo("hello");
    } finally {
      request.end();
    }

    SpanData call = only("chat claude-sonnet-4-5");
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(call.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(call.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
    assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
    assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("anthropic");
    assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("claude-sonnet-4-5");
    assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(900L);
    assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(60L);
    assertThat(call.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"))).containsExactly("stop");
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    // Claude's HTTP request named the call's span as its parent.
    assertThat(llm.traceparents()).containsExactly(Tracing.traceparent(call.getSpanContext()));

    ILoggingEvent line = onlyLine("model call chat");
    assertThat(line.getLevel()).isEqualTo(Level.INFO);
    assertThat(line.getFormattedMessage())
        .matches("model call chat anthropic claude-sonnet-4-5: 900 input tokens, 60 output tokens, finish stop, \\d+ ms");
    assertThat(line.getMDCPropertyMap()).containsEntry(LogFields.TRACE_ID, call.getTraceId())
        .containsEntry(LogFields.SPAN_ID, call.getSpanId());
  }

  @Test
  void aCallToGpt4oOutsideAnyRequestStartsItsOwnTrace() {
    ChatModel model = AgentModels.create(new AgentConfiguration(), ChatStack.openAiAt(llm)).orElseThrow();
    llm.script(e -> FakeLlm.text("hello"));
    assertThat(model.chat("hi")).isEqualTo("hello");

    SpanData call = only("chat gpt-4o");
    assertThat(call.getParentSpanContext().isValid()).as("a worker's call is a root").isFalse();
    assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("openai");
    assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(900L);
    assertThat(llm.traceparents()).containsExactly(Tracing.traceparent(call.getSpanContext()));
    assertThat(onlyLine("model call chat").getFormattedMessage()).startsWith("model call chat openai gpt-4o: 900 input tokens");
  }

  @Test
  void aJobIsATraceOfItsOwnWhoseModelCallsAreItsChildrenAndWhoseLinesCarryTheTenantHash() {
    ChatModel model = AgentModels.create(new AgentConfiguration(), ChatStack.anthropicAt(llm)).orElseThrow();
    llm.script(e -> FakeLlm.text("an analysis"));
    String[] tenantInMdc = new String[1];
    JobTracing.run("analyze", 2, new app.collections.auth.Tenant("alice"), () -> {
      model.chat("describe");
      tenantInMdc[0] = org.slf4j.MDC.get(LogFields.TENANT);
    });

    SpanData job = only("job analyze");
    assertThat(job.getParentSpanContext().isValid()).isFalse();
    assertThat(job.getAttributes().get(AttributeKey.longKey("collections.job.attempt"))).isEqualTo(2L);
    SpanData call = only("chat claude-sonnet-4-5");
    assertThat(call.getParentSpanId()).isEqualTo(job.getSpanId());
    assertThat(call.getTraceId()).isEqualTo(job.getTraceId());
    // printf %s alice | sha256sum | cut -c1-16
    assertThat(tenantInMdc[0]).isEqualTo("2bd806c97f0e00af");
    assertThat(onlyLine("model call chat").getMDCPropertyMap()).containsEntry(LogFields.TENANT, "2bd806c97f0e00af");
    assertThat(org.slf4j.MDC.get(LogFields.TENANT)).as("the job's fields end with it").isNull();
  }

  @Test
  void aFailedCallIsAnErrorSpanAndAWarningAndLeavesNoSpanCurrent() {
    ChatModel model = AgentModels.create(new AgentConfiguration(), ChatStack.anthropicAt(llm)).orElseThrow();
    llm.script(e -> {
      throw new IllegalStateException("provider down"); // the fake answers 500
    });
    assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RuntimeException.class);

    SpanData call = only("chat claude-sonnet-4-5");
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(AttributeKey.stringKey("error.type"))).isNotBlank();
    ILoggingEvent line = onlyLine("model call chat");
    assertThat(line.getLevel()).isEqualTo(Level.WARN);
    assertThat(line.getFormattedMessage()).startsWith("model call chat anthropic claude-sonnet-4-5 failed after");
    assertThat(Span.current().getSpanContext().isValid()).as("the call's scope was closed").isFalse();
  }

  @Test
  void aVoyageEmbeddingIsASpanWithItsTokensAndVoyageSeesIt() {
    EmbeddingConfiguration config = new EmbeddingConfiguration();
    config.setVoyageApiKey("voyage-test");
    config.setVoyageBaseUrl(voyage.url());
    Embedder embedder = Embedders.voyage(config);
    Span request = Tracing.startRequest("POST /graphql", null);
    try (Scope ignored = request.makeCurrent()) {
      assertThat(embedder.embedDocuments(List.of("ramen in kyoto", "a bookshop"))).hasSize(2);
    } finally {
      request.end();
    }

    SpanData call = only("embeddings " + config.getVoyageModel());
    assertThat(call.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("embeddings");
    assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("voyage_ai");
    assertThat(call.getAttributes().get(AttributeKey.longKey("collections.embedding.inputs"))).isEqualTo(2L);
    // FakeVoyage counts a token per word: 3 + 2.
    assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(5L);
    assertThat(voyage.traceparents()).last().isEqualTo(Tracing.traceparent(call.getSpanContext()));
    assertThat(onlyLine("model call embeddings").getFormattedMessage())
        .matches("model call embeddings voyage_ai " + config.getVoyageModel() + ": 2 inputs, 5 input tokens, \\d+ ms");
  }

  @Test
  void theInProcessModelsEmbeddingsAreSpansLoggedOnlyAtDebug() {
    Embedder local = TestEmbedder.local();
    local.embedQuery("ramen");
    SpanData call = only("embeddings " + local.model());
    assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("onnxruntime");
    assertThat(onlyLine("model call embeddings").getLevel()).isEqualTo(Level.DEBUG);
  }

  private static SpanData only(String name) {
    List<SpanData> spans = otel.getSpans().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(spans).as("spans named %s among %s", name, otel.getSpans()).hasSize(1);
    return spans.getFirst();
  }

  private ILoggingEvent onlyLine(String prefix) {
    List<ILoggingEvent> lines = logs.list.stream().filter(e -> e.getFormattedMessage().startsWith(prefix)).toList();
    assertThat(lines).as("log lines starting %s", prefix).hasSize(1);
    return lines.getFirst();
  }
}
