package app.collections.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.rds.IDatabaseInstance;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * What an operator is told about, by e-mail through one SNS topic (the budget's address), and a
 * dashboard of the same metrics. Seven standard alarms cost $0.10 each a month; the dashboard is
 * within CloudWatch's three free ones.
 */
final class Alarms extends Construct {
  /** Five minutes: one slow request does not page anyone, an outage is heard of within minutes. */
  static final Duration PERIOD = Duration.minutes(5);
  /** The plan's bar for a chat turn, the slowest request; search's is 500 ms. */
  static final int API_P95_MS = 3_000;
  /** A single server error is a bug to look at, not noise: the API answers errors as GraphQL 200s. */
  static final int API_5XX = 1;
  /** The t4g.micro's baseline is 10%: sustained 80% spends its burst credits within hours. */
  static final int RDS_CPU_PERCENT = 80;
  /** Of the 20 GB allocated: time to grow the volume before writes fail. */
  static final double RDS_FREE_BYTES = 2.0 * 1024 * 1024 * 1024;

  private final Topic topic;

  record Watched(HttpApi api, IFunction apiFunction, IFunction processor, IQueue deadLetters,
      IDatabaseInstance database, ITable chat) {}

  Alarms(Construct scope, String id, Watched w, String alertEmail) {
    super(scope, id);
    this.topic = Topic.Builder.create(this, "Topic").displayName("Collections alarms").build();
    if (alertEmail != null && !alertEmail.isBlank()) {
      topic.addSubscription(new EmailSubscription(alertEmail));
    }
    MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    IMetric api5xx = w.api().metricServerError(sum);
    IMetric apiP95 = w.api().metricLatency(MetricOptions.builder().period(PERIOD).statistic("p95").build());
    IMetric processorErrors = w.processor().metricErrors(sum);
    IMetric deadLetters = w.deadLetters().metricApproximateNumberOfMessagesVisible(
        MetricOptions.builder().period(PERIOD).statistic("Maximum").build());
    IMetric rdsCpu = w.database().metricCPUUtilization(MetricOptions.builder().period(PERIOD).statistic("Average").build());
    IMetric rdsFree = w.database().metricFreeStorageSpace(MetricOptions.builder().period(PERIOD).statistic("Minimum").build());
    // The operations CheckpointDao calls (an alarm's math may sum at most 10 metrics, not all 13).
    IMetric chatThrottles = w.chat().metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
        .operations(List.of(Operation.GET_ITEM, Operation.QUERY, Operation.PUT_ITEM, Operation.UPDATE_ITEM,
            Operation.DELETE_ITEM, Operation.BATCH_WRITE_ITEM))
        .period(PERIOD).build());

    alarm("Api5xx", "API answered 5xx", api5xx, API_5XX, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
    alarm("ApiLatencyP95", "API p95 latency above " + API_P95_MS + " ms for 15 minutes", apiP95, API_P95_MS,
        ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
    alarm("ProcessorErrors", "Processor function failed an invocation", processorErrors, 1,
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
    alarm("DeadLetters", "Analysis jobs reached the dead-letter queue", deadLetters, 1,
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
    alarm("DatabaseCpu", "RDS CPU above " + RDS_CPU_PERCENT + "% for 15 minutes", rdsCpu, RDS_CPU_PERCENT,
        ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
    alarm("DatabaseFreeStorage", "RDS free storage below 2 GiB", rdsFree, RDS_FREE_BYTES,
        ComparisonOperator.LESS_THAN_THRESHOLD, 1);
    alarm("ChatThrottles", "DynamoDB throttled chat requests", chatThrottles, 1,
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);

    Dashboard.Builder.create(this, "Dashboard").dashboardName("collections").build().addWidgets(
        graph("API 5xx", api5xx), graph("API p95 latency (ms)", apiP95),
        graph("API function errors", w.apiFunction().metricErrors(sum)),
        graph("Processor errors", processorErrors), graph("Dead letters", deadLetters),
        graph("RDS CPU %", rdsCpu), graph("RDS free storage (bytes)", rdsFree),
        graph("DynamoDB throttles", chatThrottles));
  }

  Topic topic() {
    return topic;
  }

  private void alarm(String id, String description, IMetric metric, double threshold, ComparisonOperator op,
      int periods) {
    Alarm alarm = Alarm.Builder.create(this, id)
        .alarmDescription(description)
        .metric(metric)
        .threshold(threshold)
        .comparisonOperator(op)
        .evaluationPeriods(periods)
        // No traffic is no news: a quiet API must not page anyone.
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
    alarm.addAlarmAction(new SnsAction(topic));
  }

  private static GraphWidget graph(String title, IMetric metric) {
    return GraphWidget.Builder.create().title(title).left(List.of(metric)).width(8).build();
  }
}
