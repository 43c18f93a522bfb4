package app.collections.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The chat agent's conversations. One partition per conversation:
 * <ul>
 *   <li>{@code pk = "{userId}#{sessionId}"}: the tenant leads the key, so a session id from one
 *       user can never address another's conversation;
 *   <li>{@code sk = "CP#0000000001"}, {@code "CP#0000000002"}, …: the agent's checkpoints,
 *       zero-padded so the string order is the numeric order and the latest is one
 *       {@code Query(ScanIndexForward=false, Limit=1)};
 *   <li>{@code sk = "META"}: one item per session with {@code userId}, {@code title},
 *       {@code createdAt}, {@code lastActiveAt} (ISO-8601, so it sorts as a string) and
 *       {@code messageCount}.
 * </ul>
 * Only META items carry {@code userId} and {@code lastActiveAt}, so the {@code byUser} index is
 * sparse: it lists a user's sessions, most recently active first, without their checkpoints.
 * Every item has {@code expiresAt} (epoch seconds), after which DynamoDB's TTL deletes it for free.
 */
final class ChatTable extends Construct {
  static final String BY_USER = "byUser";
  static final String TTL_ATTRIBUTE = "expiresAt";

  private final Table table;

  ChatTable(Construct scope, String id) {
    super(scope, id);
    this.table = Table.Builder.create(this, "Table")
        .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .timeToLiveAttribute(TTL_ATTRIBUTE)
        // Conversations expire anyway; continuous backups would cost more than the table.
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(false).build())
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
        .indexName(BY_USER)
        .partitionKey(Attribute.builder().name("userId").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("lastActiveAt").type(AttributeType.STRING).build())
        .projectionType(ProjectionType.ALL)
        .build());
  }

  Table table() {
    return table;
  }
}
