package app.collections.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Announcements of queued analysis jobs, from the API to the processor. The job itself lives in
 * PostgreSQL, so a lost or dead-lettered message loses nothing: the processor's schedule finds the
 * job anyway. The dead-letter queue is where to look when one item keeps failing.
 */
final class JobQueue extends Construct {
  static final int MAX_RECEIVES = 5;

  private final Queue queue;
  private final Queue deadLetters;

  JobQueue(Construct scope, String id, Duration processorTimeout) {
    super(scope, id);
    this.deadLetters = Queue.Builder.create(this, "DeadLetters")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .build();
    this.queue = Queue.Builder.create(this, "Queue")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        // Lambda's advice for SQS event sources: six times the function's timeout, so a message
        // is not redelivered while an invocation (and its retries on throttling) still holds it.
        .visibilityTimeout(Duration.seconds(processorTimeout.toSeconds().intValue() * 6))
        .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
        .build();
  }

  Queue queue() {
    return queue;
  }

  Queue deadLetters() {
    return deadLetters;
  }
}
