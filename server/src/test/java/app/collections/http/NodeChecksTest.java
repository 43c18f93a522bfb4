package app.collections.http;

import app.collections.server.ServerConfiguration;
import static app.collections.testing.Fixtures.newItem;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.CollectionsConfiguration;
import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.json.Json;
import app.collections.testing.ApiClient;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients and tools nobody here wrote, from npm, run with Node against the running application
 * (src/test/node; scripts/setup-node-checks.sh installs them and Chromium, as ./dev test does):
 * the GraphQL-over-HTTP spec's audit suite, Apollo Client's persisted queries, graphql-js and
 * graphql-inspector on the served schema, and GraphiQL in a real browser.
 */
class NodeChecksTest {
  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", tempDir().toString()));

  /** Where the checks and their node_modules live, from the module's directory (surefire's cwd). */
  static final Path CHECKS = Path.of("src/test/node");
  /**
   * A guard against a hung tool (a browser that never starts), not a speed target: the slowest
   * check, the browser, takes about 10 s on this machine.
   */
  static final long PROCESS_LIMIT_SECONDS = 300;
  private static final int ITEMS = 5;
  private static String token;

  @BeforeAll
  static void seedAndSignIn() {
    ItemDao items = db.jdbi().onDemand(ItemDao.class);
    for (int i = 0; i < ITEMS; i++) {
      items.insert(new Tenant("alice"), newItem("item-" + i + ".jpg"));
    }
    token = new ApiClient(app.getLocalPort()).token("alice");
  }

  @Test
  void graphqlHttpServerAuditsFindNoErrorsAndNoWarnings() throws Exception {
    JsonNode counts = run("audits.mjs");
    assertThat(counts.path("total").asInt()).isGreaterThan(50);
    assertThat(counts.path("error").asInt()).as("errors").isZero();
    assertThat(counts.path("warn").asInt()).as("warnings").isZero();
  }

  @Test
  void apolloClientPagesThroughItemsWithPersistedQueries() throws Exception {
    JsonNode result = run("apq.mjs");
    for (String method : List.of("post", "get")) {
      JsonNode run = result.path(method);
      assertThat(run.path("total").asInt()).as(method).isEqualTo(ITEMS);
      assertThat(run.path("distinct").asInt()).as(method).isEqualTo(ITEMS);
      // Later pages went by hash alone.
      assertThat(run.path("hashOnly").asInt()).as(method).isGreaterThan(run.path("notFound").asInt());
    }
    // The first run registered the document: POST met one PERSISTED_QUERY_NOT_FOUND, GET none.
    assertThat(result.path("post").path("notFound").asInt()).isEqualTo(1);
    assertThat(result.path("get").path("notFound").asInt()).isZero();
    assertThat(result.path("get").path("get").asInt()).isPositive();
  }

  @Test
  void graphqlJsAndGraphqlInspectorReadTheServedSchemaAsTheContract() throws Exception {
    JsonNode result = run("introspection.mjs");
    assertThat(result.path("introspection").asBoolean()).isTrue();
    assertThat(result.path("queryFields").toString()).contains("\"search\"", "\"items\"");
    assertThat(result.path("typesMissing")).isEmpty();
    assertThat(result.path("inspector").asText()).isEqualTo("ok");
  }

  @Test
  void graphiqlWorksInChromium() throws Exception {
    Path shots = Path.of("target/graphiql-screenshots");
    Files.createDirectories(shots);
    JsonNode result = run("browser.mjs", Map.of("SCREENSHOT_DIR", shots.toAbsolutePath().toString()));
    assertThat(result.path("failure").isNull()).as(result.path("failure").asText()).isTrue();
    assertThat(result.path("docsListSearch").asBoolean()).isTrue();
    assertThat(result.path("autocomplete").toString()).contains("categories");
    assertThat(result.path("typed").asText()).contains("categories");
    assertThat(result.path("result").path("data").path("viewer").path("id").asText()).isEqualTo("alice");
  }

  private JsonNode run(String script) throws Exception {
    return run(script, Map.of());
  }

  /** Runs a check with Node; returns its RESULT line, after it has exited 0. */
  private JsonNode run(String script, Map<String, String> extraEnv) throws Exception {
    assertThat(CHECKS.resolve("node_modules")).as("the Node checks are not installed: run scripts/setup-node-checks.sh"
        + " (./dev test does)").isDirectory();
    ProcessBuilder builder = new ProcessBuilder("node", script).directory(CHECKS.toFile()).redirectErrorStream(true);
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("COLLECTIONS_URL", "http://127.0.0.1:" + app.getLocalPort());
    env.put("COLLECTIONS_TOKEN", token);
    env.put("SCHEMA_FILE", Path.of("../schema.graphqls").toAbsolutePath().normalize().toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    StringBuilder output = new StringBuilder();
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        output.append("(output lost: ").append(e).append(")");
      }
    });
    boolean exited = process.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    reader.join();
    System.out.println("---- node " + script + "\n" + output);
    assertThat(exited).as("node %s still running after %d s", script, PROCESS_LIMIT_SECONDS).isTrue();
    String resultLine = output.toString().lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).orElse(null);
    assertThat(resultLine).as("node %s printed no RESULT line:\n%s", script, output).isNotNull();
    JsonNode result = Json.MAPPER.readTree(resultLine.substring("RESULT ".length()));
    assertThat(process.exitValue()).as("node %s exit code; its numbers: %s", script, result).isZero();
    return result;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("node-checks-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
