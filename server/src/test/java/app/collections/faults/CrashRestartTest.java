package app.collections.faults;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.local.PortOwner;
import app.collections.testing.ApiClient;
import app.collections.testing.FakeVisionProvider;
import app.collections.testing.Fixtures;
import app.collections.testing.ServiceProcess;
import app.collections.testing.TestDatabase;
import app.collections.tools.importer.FolderImporter;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service killed with SIGKILL — no shutdown hook, no lifecycle stop, as the OOM killer or a
 * closed terminal does it — and started again on the same data folder, database and ports.
 */
class CrashRestartTest {
  /** Images of the labelled set the import test uploads. */
  private static final int IMPORTED = 8;
  /** Analyses the fake provider answers before it holds the rest in flight, where the kill lands. */
  private static final int ANSWERED_BEFORE_KILL = 3;
  private static final String STATUSES = """
      { items(first: 100) { totalCount nodes { id filename status analyses { version } } } }""";

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @TempDir Path temp;

  @Test
  void aKilledServiceTakesItsDynaliteWithItAndComesBackOnTheSameDataFolder() throws Exception {
    ServiceProcess.Setup setup = ServiceProcess.Setup.fresh(temp.resolve("data"), db.url());
    long dynalite;
    String tokenBefore;
    try (ServiceProcess first = ServiceProcess.start(setup)) {
      tokenBefore = first.api().token("alice");
      assertServes(first.api(), tokenBefore);
      dynalite = PortOwner.of(setup.dynamoDbPort()).orElseThrow().pid();
      assertThat(ProcessHandle.of(dynalite).flatMap(p -> p.parent()).map(ProcessHandle::pid)).hasValue(first.pid());
      first.kill();
    }
    // The watchdog sees its stdin close (or its parent change) and exits: no orphan holds the port.
    ProcessHandle.of(dynalite).ifPresent(p -> p.onExit().orTimeout(15, TimeUnit.SECONDS).join());
    assertThat(PortOwner.of(setup.dynamoDbPort())).isEmpty();

    try (ServiceProcess second = ServiceProcess.start(setup)) {
      // The dev issuer's key survived with the data folder: the old token still works.
      assertServes(second.api(), tokenBefore);
    }
  }

  @Test
  void aKillMidImportLosesAndDuplicatesNothingOnceTheImportRunsAgain() throws Exception {
    List<Path> images = FolderImporter.images(Fixtures.sharedDir().resolve("eval/images")).subList(0, IMPORTED);
    ServiceProcess.Setup setup = ServiceProcess.Setup.fresh(temp.resolve("data"), db.url());
    try (FakeVisionProvider provider = new FakeVisionProvider()) {
      Map<String, String> claude = Map.of("vision.anthropic.apiKey", "test-anthropic-key",
          "vision.anthropic.baseUrl", provider.anthropicUrl(),
          // A job whose worker died is claimed again when its lease runs out: 5 min by default.
          "pipeline.lease", "5s");
      provider.holdAfter(ANSWERED_BEFORE_KILL);
      try (ServiceProcess first = ServiceProcess.start(setup, claude)) {
        String token = first.api().token("alice");
        FolderImporter.Summary summary = importer(setup, token).upload(images, f -> {});
        assertThat(summary.added()).hasSize(IMPORTED);
        awaitReady(first.api(), token, ANSWERED_BEFORE_KILL);
        first.kill();
      }
      provider.recover();

      try (ServiceProcess second = ServiceProcess.start(setup, claude)) {
        String token = second.api().token("alice");
        FolderImporter importer = importer(setup, token);
        FolderImporter.Summary again = importer.upload(images, f -> {});
        assertThat(again.added()).isEmpty();
        assertThat(again.duplicates()).hasSize(IMPORTED);
        Map<String, String> statuses = importer.awaitAnalysis(again.itemIds(), Duration.ofMinutes(3), n -> {});
        assertThat(statuses.values()).as(second.log()).hasSize(IMPORTED).containsOnly("READY");

        JsonNode items = second.api().data(token, STATUSES, Map.of(), "items");
        assertThat(items.path("totalCount").asInt()).isEqualTo(IMPORTED);
        Set<String> filenames = new HashSet<>();
        for (JsonNode item : items.path("nodes")) {
          filenames.add(item.path("filename").asText());
          assertThat(item.path("analyses")).as("one analysis per item, none twice").hasSize(1);
        }
        assertThat(filenames).hasSize(IMPORTED);
      }
    }
  }

  private static void assertServes(ApiClient api, String token) {
    JsonNode viewer = api.data(token, "{ viewer { id } items(first: 1) { totalCount } }", Map.of(), "viewer");
    assertThat(viewer.path("id").asText()).isEqualTo("alice");
    // Reads the chat table in dynalite.
    JsonNode sessions = api.data(token, "{ chatSessions(first: 5) { edges { node { id } } } }", Map.of(), "chatSessions");
    assertThat(sessions.path("edges").isArray()).isTrue();
  }

  /** Polls until exactly {@code count} items are READY (the rest are held in flight). */
  private static void awaitReady(ApiClient api, String token, int count) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      int ready = 0;
      for (JsonNode item : api.data(token, STATUSES, Map.of(), "items").path("nodes")) {
        ready += "READY".equals(item.path("status").asText()) ? 1 : 0;
      }
      if (ready >= count) {
        assertThat(ready).isEqualTo(count);
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("fewer than " + count + " items became READY within 2 minutes");
  }

  private static FolderImporter importer(ServiceProcess.Setup setup, String token) {
    return new FolderImporter(URI.create("http://127.0.0.1:" + setup.port()), token);
  }
}
