package app.collections.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The stack's monthly cost at a usage profile, read from the synthesized template (instance
 * types, storage, function memory sizes, the schedule, log retention, alarm count) with
 * us-east-1 on-demand prices and the always-free Lambda allowance (400k GB-s, 1M requests).
 * {@code ./dev cost} prints it; {@code CostModelTest} fails when it exceeds {@link #CEILING_USD}.
 * A resource type or size without a price here fails loudly rather than counting as free.
 */
public final class CostModel {
  /** The plan's bar: $25-50 a month; this model must stay under $30 at {@link Usage#PROFILE}. */
  static final double CEILING_USD = 30;
  static final double HOURS = 730;

  /**
   * A month of use. {@code PROFILE}: 1k users, 50k API requests (60% reads of items and uploads,
   * 25% searches, 15% chat turns) and 2k images analysed.
   */
  record Usage(int apiRequests, double searchShare, double chatShare, int images, double imageGb) {
    static final Usage PROFILE = new Usage(50_000, 0.25, 0.15, 2_000, 10);
  }

  /** Billed duration per kind of invocation, seconds: a chat turn waits on the model. */
  static final double READ_S = 0.1;
  static final double SEARCH_S = 0.3;
  static final double CHAT_S = 3.0;
  /** An image's analysis waits on the vision model; the sweep is a few queries. */
  static final double IMAGE_S = 10;
  static final double SWEEP_S = 1;
  /** Log bytes per invocation (a request line, a few INFO lines for an analysis). */
  static final double LOG_BYTES = 1_000;

  private static final Map<String, Double> EC2_HOURLY = Map.of("t4g.nano", 0.0042, "t4g.micro", 0.0084);
  private static final Map<String, Double> RDS_HOURLY = Map.of("db.t4g.micro", 0.016, "db.t4g.small", 0.032);
  private static final double RDS_GB_MONTH = 0.115;
  private static final double EBS_GB_MONTH = 0.08;
  private static final double NAT_ROOT_GB = 8;
  private static final double IPV4_HOURLY = 0.005;
  private static final double SECRET_MONTH = 0.40;
  private static final double LAMBDA_ARM_GB_S = 0.0000133334;
  private static final double LAMBDA_REQUEST = 0.20 / 1_000_000;
  private static final double LAMBDA_FREE_GB_S = 400_000;
  private static final double LAMBDA_FREE_REQUESTS = 1_000_000;
  private static final double HTTP_API_REQUEST = 1.00 / 1_000_000;
  private static final double LOG_INGEST_GB = 0.50;
  private static final double LOG_STORE_GB_MONTH = 0.03;
  private static final double ALARM_MONTH = 0.10;
  private static final double S3_GB_MONTH = 0.023;
  /** DynamoDB on demand, SQS, EventBridge, S3 requests at this profile: cents, rounded up. */
  private static final double SMALL_SERVICES = 0.50;

  record Line(String item, double usd) {}

  private CostModel() {}

  @SuppressWarnings("unchecked")
  static List<Line> estimate(Map<String, Object> template, Usage usage) {
    Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.get("Resources");
    List<Line> lines = new ArrayList<>();
    for (Map<String, Object> db : of(resources, "AWS::RDS::DBInstance")) {
      String type = (String) props(db).get("DBInstanceClass");
      lines.add(new Line("RDS " + type, HOURS * price(RDS_HOURLY, type)));
      double gb = Double.parseDouble(String.valueOf(props(db).get("AllocatedStorage")));
      lines.add(new Line("RDS storage " + (int) gb + " GB", gb * RDS_GB_MONTH));
    }
    for (Map<String, Object> instance : of(resources, "AWS::EC2::Instance")) {
      String type = (String) props(instance).get("InstanceType");
      lines.add(new Line("NAT instance " + type + ", root volume, public IPv4",
          HOURS * price(EC2_HOURLY, type) + NAT_ROOT_GB * EBS_GB_MONTH + HOURS * IPV4_HOURLY));
    }
    lines.add(new Line("Secrets Manager", of(resources, "AWS::SecretsManager::Secret").size() * SECRET_MONTH));

    int sweeps = 0;
    for (Map<String, Object> rule : of(resources, "AWS::Events::Rule")) {
      sweeps += perMonth((String) props(rule).get("ScheduleExpression"));
    }
    double apiGb = memoryGb(resources, h -> h.startsWith("app.collections.lambda.ApiHandler"));
    double processorGb = memoryGb(resources, h -> h.startsWith("app.collections.lambda.ProcessorHandler"));
    double apiSeconds = usage.apiRequests() * ((1 - usage.searchShare() - usage.chatShare()) * READ_S
        + usage.searchShare() * SEARCH_S + usage.chatShare() * CHAT_S);
    double gbSeconds = apiSeconds * apiGb + (usage.images() * IMAGE_S + sweeps * SWEEP_S) * processorGb;
    double invocations = usage.apiRequests() + usage.images() + sweeps;
    lines.add(new Line(String.format(Locale.ROOT, "Lambda: %.0f GB-s, %.0f invocations (%d sweeps)", gbSeconds,
        invocations, sweeps), Math.max(0, gbSeconds - LAMBDA_FREE_GB_S) * LAMBDA_ARM_GB_S
        + Math.max(0, invocations - LAMBDA_FREE_REQUESTS) * LAMBDA_REQUEST));
    lines.add(new Line("API Gateway HTTP API", usage.apiRequests() * HTTP_API_REQUEST));

    double logGb = invocations * LOG_BYTES / 1e9;
    double retentionMonths = of(resources, "AWS::Logs::LogGroup").stream()
        .mapToDouble(g -> Double.parseDouble(String.valueOf(props(g).get("RetentionInDays"))) / 30)
        .max().orElseThrow(() -> new IllegalStateException("no log group has a retention"));
    lines.add(new Line(String.format(Locale.ROOT, "CloudWatch Logs, %.2f GB a month kept %.1f months", logGb,
        retentionMonths), logGb * LOG_INGEST_GB + logGb * retentionMonths * LOG_STORE_GB_MONTH));
    lines.add(new Line("CloudWatch alarms", of(resources, "AWS::CloudWatch::Alarm").size() * ALARM_MONTH));
    lines.add(new Line("S3, " + (int) usage.imageGb() + " GB of images", usage.imageGb() * S3_GB_MONTH));
    lines.add(new Line("DynamoDB, SQS, EventBridge, S3 requests", SMALL_SERVICES));
    return lines;
  }

  static double total(List<Line> lines) {
    return lines.stream().mapToDouble(Line::usd).sum();
  }

  /** Prints the model for the stack as synthesized now (no jar or AWS account needed). */
  @SuppressWarnings("unchecked")
  public static void main(String[] args) {
    App app = new App();
    new CollectionsStack(app, "Collections", StackProps.builder().build(),
        LambdaArtifacts.placeholders(Path.of("target", "placeholder-lambda")));
    Map<String, Object> template = (Map<String, Object>) app.synth().getStackByName("Collections").getTemplate();
    Usage usage = Usage.PROFILE;
    System.out.printf(Locale.ROOT, "Monthly cost at %,d API requests (%.0f%% search, %.0f%% chat), %,d images:%n",
        usage.apiRequests(), usage.searchShare() * 100, usage.chatShare() * 100, usage.images());
    List<Line> lines = estimate(template, usage);
    lines.forEach(l -> System.out.printf(Locale.ROOT, "  %-62s %7.2f%n", l.item(), l.usd()));
    System.out.printf(Locale.ROOT, "  %-62s %7.2f  (ceiling %.0f)%n", "total USD", total(lines), CEILING_USD);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> props(Map<String, Object> resource) {
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  private static List<Map<String, Object>> of(Map<String, Map<String, Object>> resources, String type) {
    return resources.values().stream().filter(r -> type.equals(r.get("Type"))).toList();
  }

  private static double memoryGb(Map<String, Map<String, Object>> resources, Predicate<String> handler) {
    return of(resources, "AWS::Lambda::Function").stream()
        .filter(f -> props(f).get("Handler") instanceof String h && handler.test(h))
        .mapToDouble(f -> Double.parseDouble(String.valueOf(props(f).get("MemorySize"))) / 1024)
        .findFirst().orElseThrow(() -> new IllegalStateException("no such function in the template"));
  }

  /** Invocations a month of a {@code rate(N unit)} schedule. */
  static int perMonth(String schedule) {
    var m = java.util.regex.Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)").matcher(schedule);
    if (!m.matches()) {
      throw new IllegalStateException("no cost model for the schedule " + schedule);
    }
    double minutes = Integer.parseInt(m.group(1)) * switch (m.group(2)) {
      case "minute", "minutes" -> 1;
      case "hour", "hours" -> 60;
      default -> 1440;
    };
    return (int) Math.round(HOURS * 60 / minutes);
  }

  private static double price(Map<String, Double> prices, String type) {
    Double price = prices.get(type);
    if (price == null) {
      throw new IllegalStateException("no price for " + type + ": add it to CostModel");
    }
    return price;
  }
}
