package app.collections.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The analysis worker: one job per SQS message, and every minute a sweep of due retries, expired
 * leases and abandoned uploads. Concurrency is capped low on purpose: each job is a paid model
 * call and holds database connections, so a burst of uploads waits in the queue instead.
 */
final class Processor extends Construct {
  static final String HANDLER = "app.collections.lambda.ProcessorHandler::handleRequest";
  static final Duration TIMEOUT = Duration.minutes(5);
  /** Two for queue messages, one kept free for the scheduled sweep. */
  static final int RESERVED_CONCURRENCY = 3;
  static final int QUEUE_CONCURRENCY = 2;

  private final Function function;

  Processor(Construct scope, String id, ServiceFunctions functions, IQueue jobs) {
    super(scope, id);
    // No JOBS_QUEUE_URL of its own: the jobs its sweep queues, it runs in the same pass.
    this.function = functions.builder(this, "Handler", HANDLER, Map.of())
        .description("Collections analysis worker")
        .memorySize(2048)
        .timeout(TIMEOUT)
        .reservedConcurrentExecutions(RESERVED_CONCURRENCY)
        // A sweep that could not start within a minute is superseded by the next one.
        .retryAttempts(0)
        .maxEventAge(Duration.minutes(1))
        .build();
    // One message per invocation: a job can take three minutes (a 90-second model call, asked
    // once more on a malformed reply), so two in a batch could overrun the timeout and be redone.
    function.addEventSource(new SqsEventSource(jobs, SqsEventSourceProps.builder()
        .batchSize(1)
        .maxConcurrency(QUEUE_CONCURRENCY)
        .reportBatchItemFailures(true)
        .build()));
    Rule.Builder.create(this, "Sweep")
        .description("Collections: run due analysis jobs and finish abandoned uploads")
        .schedule(Schedule.rate(Duration.minutes(1)))
        .targets(List.of(new LambdaFunction(function)))
        .build();
  }

  Function function() {
    return function;
  }
}
