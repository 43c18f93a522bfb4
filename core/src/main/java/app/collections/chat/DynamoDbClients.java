package app.collections.chat;

import app.collections.lazy.Lazy;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * DynamoDB clients on the SDK's Apache 5 HTTP client, not the JDK's URL connection that S3 uses:
 * a chat turn makes several small DynamoDB calls back to back, and on loopback the URL connection
 * client took ~1.3 ms longer per call (1.6 against 0.3 ms p50, measured against a trivial server,
 * so the client's own cost). The Apache client is on the classpath anyway, through s3.
 */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  /**
   * AWS with the default credential chain, or the configured endpoint; built on its first call,
   * since only chat uses it (it and its Apache client were 319 of init's classes on Lambda).
   */
  public static Lazy.Once<DynamoDbClient> create(ChatConfiguration.DynamoDb config) {
    // Not a Lazy.of proxy: making it resolved the client's 57 operations' types (167 classes).
    return Lazy.once(() -> {
      var builder = DynamoDbClient.builder()
          .region(Region.of(config.getRegion()))
          .httpClientBuilder(Apache5HttpClient.builder());
      if (config.getEndpoint() != null) {
        builder.endpointOverride(URI.create(config.getEndpoint()));
      }
      return builder.build();
    });
  }

  /** A local server (dynalite), which accepts any credentials: dummy ones keep the SDK from looking for real ones. */
  public static DynamoDbClient local(String endpoint, String region) {
    return localBuilder(endpoint, region).build();
  }

  /** One quick attempt per call, for polling a server that is still starting. */
  public static DynamoDbClient probe(String endpoint) {
    return localBuilder(endpoint, "us-east-1")
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(1)))
        .build();
  }

  /** {@link #local}'s builder, for tests that watch the calls. */
  public static DynamoDbClientBuilder localBuilder(String endpoint, String region) {
    return DynamoDbClient.builder()
        .region(Region.of(region))
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(Apache5HttpClient.builder());
  }
}
