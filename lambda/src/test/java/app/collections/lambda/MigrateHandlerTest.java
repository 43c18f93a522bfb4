package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.json.Json;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The production migration function, invoked in-process the way `aws lambda invoke` does. */
class MigrateHandlerTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.unmigrated();

  @Test
  void appliesPendingMigrationsOnceAndSaysWhereTheSchemaIs() throws Exception {
    MigrateHandler handler = new MigrateHandler(ProductionConfig.load(db, Map.of()));

    JsonNode first = invoke(handler);
    assertThat(first.path("success").asBoolean()).isTrue();
    assertThat(first.path("migrationsExecuted").asInt()).isPositive();
    assertThat(first.path("targetSchemaVersion").asText()).isNotEmpty();

    JsonNode again = invoke(handler);
    assertThat(again.path("migrationsExecuted").asInt()).isZero();
    assertThat(again.path("initialSchemaVersion").asText()).isEqualTo(first.path("targetSchemaVersion").asText());
  }

  private static JsonNode invoke(MigrateHandler handler) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out, new FakeLambdaContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }
}
