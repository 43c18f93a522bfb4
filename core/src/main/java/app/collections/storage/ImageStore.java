package app.collections.storage;

import app.collections.lazy.Lazy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The images bucket through the AWS SDK v2: presigned PUTs for uploads (type and length signed in),
 * presigned GETs for display, and the reads and deletes the pipeline needs. The same code talks to
 * S3 in production and to the local S3 server.
 */
public final class ImageStore implements AutoCloseable {
  private final Lazy.Once<S3Client> client;
  private final Lazy.Once<S3Presigner> presigner;
  private final String bucket;

  public ImageStore(S3Client s3, S3Presigner presigner, String bucket) {
    this(Lazy.once(() -> s3), Lazy.once(() -> presigner), bucket);
  }

  private ImageStore(Lazy.Once<S3Client> client, Lazy.Once<S3Presigner> presigner, String bucket) {
    this.client = client;
    this.presigner = presigner;
    this.bucket = bucket;
  }

  /** A store for the configuration, against AWS or the configured endpoint. */
  public static ImageStore create(StorageConfiguration config) {
    return create(config, config.getEndpoint(), config.getAccessKey(), config.getSecretKey());
  }

  /**
   * A store against a given S3-compatible endpoint and keys (the local server's). The client and
   * the presigner are built on their first use: most API requests touch neither (their 307 classes
   * were init's, docs/benchmarks.md).
   */
  public static ImageStore create(StorageConfiguration config, String endpoint, String accessKey, String secretKey) {
    // Even the builders stay unbuilt: a builder and its configuration loaded 60 SDK classes at init.
    Lazy.Once<AwsCredentialsProvider> credentials = Lazy.once(() -> accessKey == null
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
    Lazy.Once<S3Client> client = Lazy.once(() -> {
      var builder = S3Client.builder()
          .region(Region.of(config.getRegion()))
          .credentialsProvider(credentials.get())
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .serviceConfiguration(pathStyle(endpoint));
      if (endpoint != null) {
        builder.endpointOverride(URI.create(endpoint));
      }
      return builder.build();
    });
    Lazy.Once<S3Presigner> presigner = Lazy.once(() -> {
      var builder = S3Presigner.builder()
          .region(Region.of(config.getRegion()))
          .credentialsProvider(credentials.get())
          .serviceConfiguration(pathStyle(endpoint));
      if (endpoint != null) {
        builder.endpointOverride(URI.create(endpoint));
      }
      return builder.build();
    });
    return new ImageStore(client, presigner, config.getBucket());
  }

  /** Path-style URLs for a configured endpoint (the local server has no per-bucket host names). */
  private static S3Configuration pathStyle(String endpoint) {
    return S3Configuration.builder().pathStyleAccessEnabled(endpoint != null).build();
  }

  /** The client, with this store's region, endpoint and credentials: the import Lambda reads its staged folder with it. */
  public S3Client client() {
    return client.get();
  }

  /** The client and the presigner, each built at its first use (SnapStart priming builds them). */
  public List<Lazy.Once<?>> clients() {
    return List.of(client, presigner);
  }

  /** Local mode creates its bucket; in production the infra stack does. */
  public void createBucketIfMissing() {
    try {
      client.get().createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException e) {
      // Already there: nothing to do.
    } catch (S3Exception e) {
      if (e.statusCode() != 409) {
        throw e;
      }
    }
  }

  /** A URL the client PUTs the bytes to; the content type and length are part of its signature. */
  public PresignedRequest presignPut(String key, String contentType, long contentLength, Duration ttl) {
    var presigned = presigner.get().presignPutObject(p -> p
        .signatureDuration(ttl)
        .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(contentLength)));
    Map<String, String> headers = Map.of("Content-Type", contentType);
    return new PresignedRequest(presigned.url().toString(), headers, presigned.expiration());
  }

  public String presignGet(String key, Duration ttl) {
    return presigner.get().presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(o -> o.bucket(bucket).key(key)))
        .url().toString();
  }

  public Optional<HeadObjectResponse> head(String key) {
    try {
      return Optional.of(client.get().headObject(h -> h.bucket(bucket).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public byte[] read(String key) {
    ResponseBytes<GetObjectResponse> bytes = client.get().getObjectAsBytes(g -> g.bucket(bucket).key(key));
    return bytes.asByteArray();
  }

  /** For the import command and tests: what a client's presigned PUT does. */
  public void write(String key, String contentType, byte[] bytes) {
    client.get().putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
  }

  /** Deleting a missing object succeeds, so cleanups can be repeated. */
  public void delete(String key) {
    client.get().deleteObject(d -> d.bucket(bucket).key(key));
  }

  public boolean exists(String key) {
    return head(key).isPresent();
  }

  @Override
  public void close() {
    if (client.isBuilt()) {
      client.get().close();
    }
    if (presigner.isBuilt()) {
      presigner.get().close();
    }
  }

  public record PresignedRequest(String url, Map<String, String> headers, java.time.Instant expiresAt) {}
}
