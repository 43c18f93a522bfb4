package app.collections.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The W3C traceparent rules (www.w3.org/TR/trace-context, section 3.2) as a request's span reads
 * them, and the spans made without an SDK (the default): each gets an id of its own in the trace.
 */
class TracingTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER = "00f067aa0ba902b7";

  @BeforeEach
  void noSdk() {
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void aRequestIsASpanOfItsOwnInTheCallersTrace() {
    SpanContext request = Tracing.startRequest("POST /graphql", "00-" + TRACE + "-" + CALLER + "-01").getSpanContext();
    assertThat(request.getTraceId()).isEqualTo(TRACE);
    assertThat(request.getSpanId()).matches("[0-9a-f]{16}").isNotEqualTo(CALLER);
    assertThat(request.isSampled()).isTrue();
    assertThat(Tracing.traceparent(request)).isEqualTo("00-" + TRACE + "-" + request.getSpanId() + "-01");
  }

  @Test
  void acceptsALaterVersionsFirstFourFieldsAndKeepsAnUnsampledFlag() {
    SpanContext request = Tracing.startRequest("POST /graphql", "01-" + TRACE + "-" + CALLER + "-00-extra").getSpanContext();
    assertThat(request.getTraceId()).isEqualTo(TRACE);
    assertThat(request.isSampled()).isFalse();
    assertThat(Tracing.traceparent(request)).endsWith("-00");
  }

  @Test
  void startsANewTraceForWhatTheSpecSaysToIgnore() {
    for (String header : new String[] {
        null, "", "00-" + TRACE + "-" + CALLER,
        "00-" + TRACE.toUpperCase() + "-" + CALLER + "-01", // upper case
        "00-00000000000000000000000000000000-" + CALLER + "-01", // all-zero trace id
        "00-" + TRACE + "-0000000000000000-01", // all-zero parent id
        "ff-" + TRACE + "-" + CALLER + "-01", // forbidden version
        "00-" + TRACE + "-" + CALLER + "-01-extra"}) { // 00 has four fields
      SpanContext request = Tracing.startRequest("POST /graphql", header).getSpanContext();
      assertThat(request.isValid()).as("%s", header).isTrue();
      assertThat(request.getTraceId()).as("%s", header).isNotEqualTo(TRACE).matches("[0-9a-f]{32}");
      assertThat(request.isSampled()).as("a new trace is kept").isTrue();
    }
    assertThat(Tracing.startRequest("a", null).getSpanContext().getTraceId())
        .isNotEqualTo(Tracing.startRequest("b", null).getSpanContext().getTraceId());
  }

  @Test
  void aCallIsAChildOfTheCurrentSpanAndNamesItselfToTheProvider() {
    Span request = Tracing.startRequest("POST /graphql", "00-" + TRACE + "-" + CALLER + "-01");
    assertThat(Tracing.outgoingHeaders()).as("outside a span there is nothing to send").isEmpty();
    try (Scope ignored = request.makeCurrent()) {
      Span call = Tracing.startClient("chat claude-sonnet-4-5");
      assertThat(call.getSpanContext().getTraceId()).isEqualTo(TRACE);
      assertThat(call.getSpanContext().getSpanId()).isNotEqualTo(request.getSpanContext().getSpanId());
      try (Scope inCall = call.makeCurrent()) {
        assertThat(Tracing.outgoingHeaders())
            .containsEntry("traceparent", "00-" + TRACE + "-" + call.getSpanContext().getSpanId() + "-01");
      }
    }
  }

  @Test
  void aRequestsWorkOnOtherThreadsKeepsItsSpanAndLogFields() throws Exception {
    Span request = Tracing.startRequest("POST /graphql", "00-" + TRACE + "-" + CALLER + "-01");
    String[] seen = new String[2];
    org.slf4j.MDC.put("tenant", "2bd806c97f0e00af");
    try (Scope ignored = request.makeCurrent()) {
      Thread thread = Thread.ofVirtual().start(RequestContexts.wrap(() -> {
        seen[0] = Span.current().getSpanContext().getSpanId();
        seen[1] = org.slf4j.MDC.get("tenant");
      }));
      thread.join();
    } finally {
      org.slf4j.MDC.remove("tenant");
    }
    assertThat(seen).containsExactly(request.getSpanContext().getSpanId(), "2bd806c97f0e00af");
  }
}
