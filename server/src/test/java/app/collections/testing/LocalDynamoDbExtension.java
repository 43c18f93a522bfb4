package app.collections.testing;

import app.collections.chat.ChatTable;
import app.collections.chat.DynamoDbClients;
import app.collections.local.LocalDynamoDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real dynalite for one test class, on a free port with its data in a temporary folder, and the
 * chat table created in it as local mode does. No mocks: the tests run the same requests, condition
 * expressions and item size limit as the service does.
 */
public final class LocalDynamoDbExtension implements BeforeAllCallback, AfterAllCallback {
  public static final String TABLE = "collections-chat-test";

  private Path dataDir;
  private LocalDynamoDb server;
  private DynamoDbClient client;

  /** Where scripts/setup-dynamodb.sh put dynalite: surefire says, an IDE run from server/ guesses. */
  public static Path dynaliteDir() {
    String configured = System.getenv("DYNALITE_DIR");
    return Path.of(configured == null || configured.isBlank() ? "../.tools/dynalite" : configured);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dataDir = Files.createTempDirectory("collections-dynamodb-");
    server = new LocalDynamoDb(dynaliteDir(), dataDir, 0);
    server.start();
    client = DynamoDbClients.local(server.endpoint(), "us-east-1");
    ChatTable.createIfMissing(client, TABLE);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  public DynamoDbClient client() {
    return client;
  }

  public LocalDynamoDb server() {
    return server;
  }
}
