package app.collections.server;

import app.collections.CollectionsConfiguration;
import app.collections.chat.ChatConfiguration;
import app.collections.chat.ChatTable;
import app.collections.chat.DynamoDbClients;
import app.collections.embeddings.Embedder;
import app.collections.embeddings.Embedders;
import app.collections.http.AllowedOrigins;
import app.collections.local.LocalDynamoDb;
import app.collections.local.LocalS3Server;
import app.collections.local.PortTakenException;
import app.collections.local.auth.DevIssuer;
import app.collections.local.embeddings.LocalEmbedder;
import app.collections.local.ocr.LocalVisionAnalyzer;
import app.collections.storage.ImageStore;
import app.collections.storage.StorageConfiguration;
import app.collections.vision.VisionAnalyzers;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the local host hands core's features where the cloud would be: the local stand-ins when the
 * configuration turns them on (the in-process S3 server, dynalite, the dev issuer), the in-process
 * embedding model without a Voyage key, and the offline analyser. A server is started here, by the
 * host, because what core builds next needs its endpoint and its bucket or table; each one started
 * is added to {@code started}, which the host stops with itself.
 */
public final class LocalParts {
  private static final Logger LOG = LoggerFactory.getLogger(LocalParts.class);

  private LocalParts() {}

  /** S3, or the in-process S3 server (started, its bucket made). */
  public static ImageStore imageStore(CollectionsConfiguration config, List<Managed> started) {
    StorageConfiguration storage = config.getStorage();
    if (!storage.getLocal().isEnabled()) {
      return ImageStore.create(storage);
    }
    Path folder = config.getDataDir().resolve("s3");
    LocalS3Server server = new LocalS3Server(folder, storage.getLocal().getPort(),
        new AllowedOrigins(config.getHttp().getCorsOrigins()));
    try {
      server.start();
    } catch (PortTakenException e) {
      throw new LocalStoresInUseException("local S3 server", e);
    } catch (Exception e) {
      throw new IllegalStateException("the local S3 server did not start on port " + storage.getLocal().getPort()
          + ": " + e.getMessage(), e);
    }
    started.add(server);
    ImageStore store = ImageStore.create(storage, server.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
    store.createBucketIfMissing();
    LOG.info("Local S3 server at {} (bucket {}), storing under {}", server.endpoint(), storage.getBucket(), folder);
    return store;
  }

  /** DynamoDB, or dynalite (started, the chat table made). */
  public static Supplier<DynamoDbClient> dynamoDb(CollectionsConfiguration config, List<Managed> started) {
    ChatConfiguration.DynamoDb dynamodb = config.getChat().getDynamodb();
    if (!dynamodb.getLocal().isEnabled()) {
      return DynamoDbClients.create(dynamodb);
    }
    LocalDynamoDb server = new LocalDynamoDb(Path.of(dynamodb.getLocal().getDynaliteDir()),
        config.getDataDir().resolve("dynamodb"), dynamodb.getLocal().getPort());
    try {
      server.start();
    } catch (PortTakenException e) {
      server.stop();
      throw new LocalStoresInUseException("local DynamoDB", e);
    } catch (Exception e) {
      server.stop();
      throw new IllegalStateException("the local DynamoDB did not start: " + e.getMessage(), e);
    }
    started.add(server);
    DynamoDbClient client = DynamoDbClients.local(server.endpoint(), dynamodb.getRegion());
    ChatTable.createIfMissing(client, dynamodb.getTable());
    return () -> client;
  }

  /** Voyage when keyed, else the in-process e5-small-v2. */
  public static Embedder embedder(CollectionsConfiguration config) {
    return config.getEmbeddings().voyageConfigured() ? Embedders.voyage(config.getEmbeddings()) : LocalEmbedder.create();
  }

  /** The keyed providers and the offline analyser (Tesseract), which categorises by {@code embedder}. */
  public static VisionAnalyzers analyzers(CollectionsConfiguration config, Embedder embedder) {
    return VisionAnalyzers.create(config.getVision(), LocalVisionAnalyzer.create(config.getVision(), embedder));
  }

  /** The dev issuer, when the configuration turns it on (never on Lambda). */
  public static Optional<DevIssuer> devIssuer(CollectionsConfiguration config) {
    var auth = config.getAuth();
    return auth.getDevIssuer().isEnabled()
        ? Optional.of(DevIssuer.loadOrCreate(config.getDataDir(), auth.getDevIssuer()))
        : Optional.empty();
  }
}
