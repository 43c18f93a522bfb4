package app.collections.chat;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB clients on the JDK's HTTP client, like the S3 one (no Netty or Apache client). */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  /** AWS with the default credential chain, or the configured endpoint. */
  public static DynamoDbClient create(ChatConfiguration.DynamoDb config) {
    var builder = DynamoDbClient.builder()
        .region(Region.of(config.getRegion()))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (config.getEndpoint() != null) {
      builder.endpointOverride(URI.create(config.getEndpoint()));
    }
    return builder.build();
  }

  /** A local server (dynalite), which accepts any credentials: dummy ones keep the SDK from looking for real ones. */
  public static DynamoDbClient local(String endpoint, String region) {
    return localBuilder(endpoint, region).build();
  }

  /** One quick attempt per call, for polling a server that is still starting. */
  static DynamoDbClient probe(String endpoint) {
    return localBuilder(endpoint, "us-east-1")
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(1)))
        .build();
  }

  private static software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder localBuilder(String endpoint, String region) {
    return DynamoDbClient.builder()
        .region(Region.of(region))
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
  }
}
