package app.collections.logging;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import org.junit.jupiter.api.Test;

/** The W3C traceparent rules (www.w3.org/TR/trace-context, section 3.2) and the tenant's log hash. */
class TraceContextTest {
  @Test
  void readsAVersion00HeaderAndMakesAChildSpanOfTheSameTrace() {
    TraceContext caller = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();
    assertThat(caller).isEqualTo(new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "01"));
    TraceContext child = caller.child();
    assertThat(child.traceId()).isEqualTo(caller.traceId());
    assertThat(child.flags()).isEqualTo("01");
    assertThat(child.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(caller.spanId());
    assertThat(child.header()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + child.spanId() + "-01");
  }

  @Test
  void acceptsALaterVersionsFirstFourFieldsAndKeepsAnUnsampledFlag() {
    assertThat(TraceContext.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-extra"))
        .hasValue(new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "00"));
  }

  @Test
  void refusesWhatTheSpecSaysToIgnore() {
    for (String header : new String[] {
        null, "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"}) { // 00 has four fields
      assertThat(TraceContext.parse(header)).as("%s", header).isEmpty();
    }
  }

  @Test
  void newTracesAreRandomAndValid() {
    TraceContext one = TraceContext.newTrace();
    TraceContext two = TraceContext.newTrace();
    assertThat(TraceContext.parse(one.header())).hasValue(one);
    assertThat(one.traceId()).isNotEqualTo(two.traceId());
  }

  @Test
  void hashesTheTenantToSixteenHexDigitsOfSha256() {
    // printf %s alice | sha256sum: 2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90
    assertThat(LogFields.tenantHash(new Tenant("alice"))).isEqualTo("2bd806c97f0e00af");
    assertThat(LogFields.operation("x".repeat(500))).hasSize(LogFields.MAX_OPERATION_CHARS);
  }
}
