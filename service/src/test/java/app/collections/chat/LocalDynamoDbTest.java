package app.collections.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.testing.LocalDynamoDbExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
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
          .hasMessageContaining("is port " + taken + " free?");
    } finally {
      first.stop();
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
