package app.collections.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.CollectionsConfiguration;
import app.collections.json.Json;
import app.collections.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The local host's assembly when a stand-in cannot start: what it already started is stopped again. */
class LocalApiTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  void aStartThatFailsLeavesNoLocalServerRunning() throws Exception {
    int s3Port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s3Port = probe.getLocalPort();
    }
    CollectionsConfiguration config = new CollectionsConfiguration();
    config.setDataDir(Files.createTempDirectory("local-api"));
    config.getPipeline().setWorkers(0);
    config.getStorage().getLocal().setEnabled(true);
    config.getStorage().getLocal().setPort(s3Port);
    var dynamodb = config.getChat().getDynamodb();
    dynamodb.getLocal().setEnabled(true);
    dynamodb.getLocal().setPort(0);
    // No dynalite here: the chat table's stand-in fails after the S3 server started.
    dynamodb.getLocal().setDynaliteDir(Path.of("no-such-dynalite").toAbsolutePath().toString());

    assertThatThrownBy(() -> LocalApi.start(config, db.dataSource(), new MetricRegistry(), Json.MAPPER))
        .hasMessageContaining("dynalite");
    try (ServerSocket again = new ServerSocket(s3Port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).as("the S3 server's port, free again").isEqualTo(s3Port);
    }
  }
}
