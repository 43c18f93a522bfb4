package app.collections.logging;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import org.junit.jupiter.api.Test;

/** What the log lines carry of a request: the tenant's hash, never its id, and a bounded operation name. */
class LogFieldsTest {
  @Test
  void hashesTheTenantToSixteenHexDigitsOfSha256() {
    // printf %s alice | sha256sum: 2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90
    assertThat(LogFields.tenantHash(new Tenant("alice"))).isEqualTo("2bd806c97f0e00af");
    assertThat(LogFields.operation("x".repeat(500))).hasSize(LogFields.MAX_OPERATION_CHARS);
  }
}
