package app.collections.local;

import app.collections.chat.DynamoDbClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.chat.ChatTable;
import app.collections.testing.LocalDynamoDbExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalDynamoDbTest {
  @TempDir Path dataDir;

  @Test
  void keepsItsDataAcrossRestartsAndLeavesNoProcessBehind() throws Exception {
    LocalDynamoDb first = new LocalDynamoDb(LocalDynamoDbExtension.dynaliteDir(), dataDir, 0);
    first.start();
    String endpoint = first.endpoint();
    try (DynamoDbClient client = DynamoDbClients.local(endpoint, "us-east-1")) {
      ChatTable.createIfMissing(client, "chat");
      ChatTable.createIfMissing(client, "chat");
      client.putItem(p -> p.tableName("chat").item(Map.of("pk", s("a"), "sk", s("META"), "title", s("kept"))));
    }
    first.stop();
    try (DynamoDbClient probe = DynamoDbClients.probe(endpoint)) {
      assertThatThrownBy(() -> probe.listTables()).isInstanceOf(SdkClientException.class);
    }

    LocalDynamoDb second = new LocalDynamoDb(LocalDynamoDbExtension.dynaliteDir(), dataDir, 0);
    second.start();
    try (DynamoDbClient client = DynamoDbClients.local(second.endpoint(), "us-east-1")) {
      var item = client.getItem(g -> g.tableName("chat").key(Map.of("pk", s("a"), "sk", s("META")))).item();
      assertThat(item.get("title").s()).isEqualTo("kept");
    } finally {
      second.stop();
    }
  }

  @Test
  void doesNotMistakeAnotherServerOnItsPortForItself(@TempDir Path otherDir) throws Exception {
    LocalDynamoDb first = new LocalDynamoDb(LocalDynamoDbExtension.dynaliteDir(), dataDir, 0);
    first.start();
    try {
      int taken = Integer.parseInt(first.endpoint().substring(first.endpoint().lastIndexOf(':') + 1));
      LocalDynamoDb second = new LocalDynamoDb(LocalDynamoDbExtension.dynaliteDir(), otherDir, taken);
      assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + taken + " ").hasMessageContaining("is taken by pid " + first.pid());
      assertThat(first.pid()).as("the other one is left alone").isPositive();
    } finally {
      first.stop();
    }
  }

  @Test
  void refusesAPortHeldByAForeignProcessNamingIt() throws Exception {
    try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LocalDynamoDb server = new LocalDynamoDb(LocalDynamoDbExtension.dynaliteDir(), dataDir, foreign.getLocalPort());
      assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + foreign.getLocalPort() + " ")
          .hasMessageContaining("pid " + ProcessHandle.current().pid() + " (" + ProcessHandle.current().info().command().orElseThrow());
    }
  }

  @Test
  void replacesAStaleDynaliteOfItsOwnDataFolderLeftByADeadService() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // What a service killed before dynalite had its watchdog left behind: plain dynalite, reparented
    // (its shell exits at once, so its parent is no longer a JVM).
    String cli = LocalDynamoDbExtension.dynaliteDir().resolve("node_modules/dynalite/cli.js").toAbsolutePath().toString();
    Process shell = new ProcessBuilder("bash", "-c", "node '" + cli + "' --host 127.0.0.1 --port " + port
        + " --path '" + dataDir.toAbsolutePath() + "' </dev/null >/dev/null 2>&1 & echo $!").start();
    ProcessHandle stale = ProcessHandle.of(Long.parseLong(new String(shell.getInputStream().readAllBytes()).strip()))
        .orElseThrow();
    shell.waitFor();
    try {
      try (DynamoDbClient probe = DynamoDbClients.probe("http://127.0.0.1:" + port)) {
        for (int i = 0; i < 200 && !answers(probe); i++) {
          Thread.sleep(50);
        }
      }
      LocalDynamoDb server = new LocalDynamoDb(LocalDynamoDbExtension.dynaliteDir(), dataDir, port);
      server.start();
      try (DynamoDbClient client = DynamoDbClients.local(server.endpoint(), "us-east-1")) {
        assertThat(stale.isAlive()).as("the stale one was stopped").isFalse();
        assertThat(server.pid()).isNotEqualTo(stale.pid());
        ChatTable.createIfMissing(client, "chat");
        assertThat(client.listTables().tableNames()).contains("chat");
      } finally {
        server.stop();
      }
    } finally {
      stale.destroyForcibly();
    }
  }

  @Test
  void refusesToTakeOverTheDynaliteOfAServiceStillRunningOnTheSameDataFolder() throws Exception {
    LocalDynamoDb running = new LocalDynamoDb(LocalDynamoDbExtension.dynaliteDir(), dataDir, 0);
    running.start();
    try {
      int taken = Integer.parseInt(running.endpoint().substring(running.endpoint().lastIndexOf(':') + 1));
      LocalDynamoDb second = new LocalDynamoDb(LocalDynamoDbExtension.dynaliteDir(), dataDir, taken);
      assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + taken + " ").hasMessageContaining("still running on the same data folder");
      assertThat(ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive)).hasValue(true);
    } finally {
      running.stop();
    }
  }

  private static boolean answers(DynamoDbClient probe) {
    try {
      probe.listTables(r -> r.limit(1));
      return true;
    } catch (SdkException e) {
      return false;
    }
  }

  @Test
  void saysHowToInstallDynaliteWhenItIsMissing() {
    LocalDynamoDb server = new LocalDynamoDb(dataDir.resolve("nowhere"), dataDir, 0);
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("scripts/setup-dynamodb.sh");
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
