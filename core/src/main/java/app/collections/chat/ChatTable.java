package app.collections.chat;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The chat table's schema, as {@link CheckpointDao} expects it. Production's table is created by
 * the infra stack with the same keys and index, plus TTL on {@code expiresAt}; local mode creates
 * it here (dynalite has no TTL, so there expired items stay until deleted and reads skip them).
 */
public final class ChatTable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatTable.class);

  static final String PK = "pk";
  static final String SK = "sk";
  static final String BY_USER = "byUser";
  static final String USER_ID = "userId";
  static final String LAST_ACTIVE_AT = "lastActiveAt";
  /** Epoch seconds; DynamoDB's TTL attribute. */
  static final String EXPIRES_AT = "expiresAt";

  /** How long a created table may take to become active before startup gives up. */
  private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(30);
  /** How often the waiter asks. */
  private static final Duration POLL = Duration.ofMillis(50);

  private ChatTable() {}

  /** Creates the table if it is missing and waits until it and its index are active. */
  public static void createIfMissing(DynamoDbClient dynamo, String table) {
    try {
      dynamo.describeTable(d -> d.tableName(table));
    } catch (ResourceNotFoundException missing) {
      try {
        dynamo.createTable(c -> c.tableName(table)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(string(PK), string(SK), string(USER_ID), string(LAST_ACTIVE_AT))
            .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
            .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                .indexName(BY_USER)
                .keySchema(key(USER_ID, KeyType.HASH), key(LAST_ACTIVE_AT, KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build()));
        LOG.info("Created DynamoDB table {}", table);
      } catch (ResourceInUseException createdMeanwhile) {
        // Another process created it first: it only has to become active.
      }
    }
    awaitActive(dynamo, table);
  }

  /**
   * The SDK's table-exists waiter, polling every {@link #POLL} rather than its default 20 s (made for
   * a real CreateTable's minutes; dynalite, which this path serves, answers ACTIVE at once). The
   * table's status is enough: dynalite turns the table and the indexes created with it ACTIVE in
   * one write.
   */
  private static void awaitActive(DynamoDbClient dynamo, String table) {
    try {
      dynamo.waiter().waitUntilTableExists(d -> d.tableName(table), o -> o
          .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL))
          .maxAttempts((int) (ACTIVE_WITHIN.toMillis() / POLL.toMillis()))
          .waitTimeout(ACTIVE_WITHIN));
    } catch (SdkClientException notActive) {
      throw new IllegalStateException("DynamoDB table " + table + " did not become active: " + notActive.getMessage(),
          notActive);
    }
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
