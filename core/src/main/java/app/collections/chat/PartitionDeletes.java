package app.collections.chat;

import static app.collections.chat.ChatTable.PK;
import static app.collections.chat.ChatTable.SK;
import static app.collections.chat.CheckpointItems.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Finds a conversation's items by sort key and deletes them in batches. */
final class PartitionDeletes {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionDeletes.class);

  /** Deletes per BatchWriteItem: DynamoDB's maximum. */
  static final int DELETES_PER_CALL = 25;

  private final Supplier<DynamoDbClient> dynamo;
  private final String table;
  private final UnprocessedRetry retry;

  PartitionDeletes(Supplier<DynamoDbClient> dynamo, String table, UnprocessedRetry retry) {
    this.dynamo = dynamo;
    this.table = table;
    this.retry = retry;
  }

  /** Sort keys in [from, to). */
  List<String> keysBetween(String pk, String from, String to) {
    List<String> keys = new ArrayList<>();
    dynamo.get().queryPaginator(QueryRequest.builder().tableName(table)
            .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
            .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
            .expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(from), ":to", s(to)))
            .projectionExpression("#pk, #sk").build())
        .items().forEach(i -> {
          if (!i.get(SK).s().equals(to)) {
            keys.add(i.get(SK).s());
          }
        });
    return keys;
  }

  /** Every sort key of the partition, read consistently. */
  List<String> allKeys(String pk) {
    List<String> keys = new ArrayList<>();
    dynamo.get().queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
            .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
            .expressionAttributeValues(Map.of(":pk", s(pk))).projectionExpression("#pk, #sk").build())
        .items().forEach(i -> keys.add(i.get(SK).s()));
    return keys;
  }

  /** {@link #deleteAll}, for items whose only cost if left is storage until they expire. */
  void deleteQuietly(String pk, List<String> sortKeys) {
    try {
      deleteAll(pk, sortKeys);
    } catch (RuntimeException e) {
      LOG.warn("Could not delete {} unused items of {}; they expire with the session", sortKeys.size(), pk, e);
    }
  }

  /** BatchWriteItem in chunks of {@value #DELETES_PER_CALL}, resubmitting what DynamoDB leaves unprocessed. */
  void deleteAll(String pk, List<String> sortKeys) {
    for (int from = 0; from < sortKeys.size(); from += DELETES_PER_CALL) {
      List<WriteRequest> requests = sortKeys.subList(from, Math.min(sortKeys.size(), from + DELETES_PER_CALL))
          .stream()
          .map(sk -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(ChatKeys.key(pk, sk)).build())
              .build())
          .toList();
      retry.untilProcessed(Map.of(table, requests),
          batch -> {
            var response = dynamo.get().batchWriteItem(b -> b.requestItems(batch));
            return response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
          },
          batch -> batch.get(table).size(), "deletes of " + pk);
    }
  }
}
