package app.collections.infra;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * Collections in production: the API, processor and migration functions (one jar), the import
 * function (its own jar: the prototype import and SQLite stay out of the others'), PostgreSQL,
 * the images bucket, the chat table, the jobs queue, Cognito and the secrets, for about $25 a
 * month at low traffic under a $50 budget (docs/deploy.md has the table).
 */
public final class CollectionsStack extends Stack {
  /** The monthly budget's limit, in US dollars. */
  static final int BUDGET_USD = 50;
  /**
   * The functions read their secrets at init, and the API's SnapStart snapshot keeps them. After
   * filling in or changing a secret, deploy with a new {@code -c configRevision=N}: the changed
   * variable publishes a new version (a fresh snapshot) and replaces every warm container.
   */
  static final String CONFIG_REVISION = "CONFIG_REVISION";
  /**
   * The web app origins (context {@code corsOrigins}), given both to the HTTP API's CORS and to
   * the service (lambda.yml's {@code http.corsOrigins}), so the two never disagree.
   */
  static final String CORS_ORIGINS = "CORS_ORIGINS";

  /**
   * @param code the functions' jars ({@link LambdaArtifacts}). Context: {@code alertEmail}, where
   *     budget alerts go (none without it); {@code configRevision}, see {@link #CONFIG_REVISION};
   *     {@code corsOrigins}, see {@link #CORS_ORIGINS} (none: browsers on other origins are refused)
   */
  public CollectionsStack(Construct scope, String id, StackProps props, LambdaArtifacts code) {
    super(scope, id, props);
    Network network = new Network(this, "Network");
    Database database = new Database(this, "Database", network);
    List<String> corsOrigins = corsOrigins(context("corsOrigins", ""));
    ImageBucket images = new ImageBucket(this, "Images", corsOrigins);
    ChatTable chat = new ChatTable(this, "Chat");
    JobQueue jobs = new JobQueue(this, "Jobs", Processor.TIMEOUT);
    Auth auth = new Auth(this, "Auth");
    ProviderKeys providerKeys = new ProviderKeys(this, "ProviderKeys");

    SecurityGroup functionsGroup = SecurityGroup.Builder.create(this, "FunctionsSecurityGroup")
        .vpc(network.vpc())
        .description("Collections functions: out to the database and, through the NAT instance, the internet")
        .allowAllOutbound(true)
        .build();
    database.allowFrom(functionsGroup);

    // What lambda.yml reads. The database password and the provider keys are not here: the
    // service reads them from the two secrets (SecretsEnvironment); AWS_REGION is Lambda's own.
    Map<String, String> environment = Map.ofEntries(
        Map.entry("DB_SECRET_ARN", database.secret().getSecretArn()),
        Map.entry("DB_HOST", database.host()),
        Map.entry("DB_PORT", String.valueOf(Database.PORT)),
        Map.entry("DB_NAME", Database.NAME),
        Map.entry("COGNITO_REGION", getRegion()),
        Map.entry("COGNITO_USER_POOL_ID", auth.userPool().getUserPoolId()),
        Map.entry("COGNITO_CLIENT_IDS", auth.mobileClient().getUserPoolClientId()),
        Map.entry("IMAGES_BUCKET", images.bucket().getBucketName()),
        Map.entry("CHAT_TABLE", chat.table().getTableName()),
        Map.entry("PROVIDER_SECRET_ARN", providerKeys.secret().getSecretArn()),
        Map.entry(CONFIG_REVISION, context("configRevision", "1")),
        Map.entry(CORS_ORIGINS, String.join(", ", corsOrigins)));
    ServiceFunctions functions = new ServiceFunctions(code.service(), network, functionsGroup, environment,
        context("otelLayerArn", null));

    Api api = new Api(this, "Api", functions, Map.of("JOBS_QUEUE_URL", jobs.queue().getQueueUrl()),
        corsOrigins);
    Function apiFunction = api.function();
    // Presigning needs the signer's own permission for what the URL allows: put, get, delete.
    images.bucket().grantReadWrite(apiFunction);
    jobs.queue().grantSendMessages(apiFunction);
    chat.table().grantReadWriteData(apiFunction);
    database.secret().grantRead(apiFunction);
    providerKeys.secret().grantRead(apiFunction);

    Processor processor = new Processor(this, "Processor", functions, jobs.queue());
    Function processorFunction = processor.function();
    images.bucket().grantRead(processorFunction);
    // The sweep drops the objects of rejected and duplicate uploads.
    images.bucket().grantDelete(processorFunction);
    // The DERIVE job writes an item's renditions beside its original ({user}/{item}/thumbnail.jpg,
    // preview.jpg, ObjectKeys), and nothing else: an original is never the processor's to write.
    images.bucket().grantPut(processorFunction, "*/thumbnail.jpg");
    images.bucket().grantPut(processorFunction, "*/preview.jpg");
    database.secret().grantRead(processorFunction);
    providerKeys.secret().grantRead(processorFunction);

    Function migrateFunction = new Migrator(this, "Migrator", functions).function();
    // It loads the whole configuration, provider keys included, though it only uses the database.
    database.secret().grantRead(migrateFunction);
    providerKeys.secret().grantRead(migrateFunction);

    // The prototype import (and reindex): writes images and items, queues analyses of what had none.
    // Its jar is the import jar, the one that carries the prototype import and SQLite.
    Importer importer = new Importer(this, "Importer", functions.withCode(code.importer()),
        Map.of("JOBS_QUEUE_URL", jobs.queue().getQueueUrl()));
    Function importFunction = importer.function();
    images.bucket().grantReadWrite(importFunction);
    jobs.queue().grantSendMessages(importFunction);
    database.secret().grantRead(importFunction);
    providerKeys.secret().grantRead(importFunction);

    new Budget(this, "Budget", BUDGET_USD, context("alertEmail", null));
    new Alarms(this, "Alarms", new Alarms.Watched(api.httpApi(), apiFunction, processorFunction,
        jobs.deadLetters(), database.instance(), chat.table()), context("alertEmail", null));

    output("ApiUrl", api.url(), "The GraphQL endpoint is {ApiUrl}graphql");
    output("UserPoolId", auth.userPool().getUserPoolId(), "Cognito user pool");
    output("UserPoolClientId", auth.mobileClient().getUserPoolClientId(), "Cognito app client (mobile app)");
    output("ImagesBucket", images.bucket().getBucketName(), "S3 bucket of the images");
    output("ChatTableName", chat.table().getTableName(), "DynamoDB table of chat checkpoints");
    output("JobsQueueUrl", jobs.queue().getQueueUrl(), "SQS queue of analysis jobs");
    output("JobsDeadLetterQueueUrl", jobs.deadLetters().getQueueUrl(), "Messages that failed 5 times");
    output("DatabaseSecretArn", database.secret().getSecretArn(), "RDS master credentials (JSON)");
    output("ProviderSecretArn", providerKeys.secret().getSecretArn(), "Provider API keys to fill in (JSON)");
    output("DatabaseHost", database.host(), "RDS endpoint (reachable from the VPC only)");
    output("MigrateFunctionName", migrateFunction.getFunctionName(), "Invoke after a deploy to apply migrations");
    output("ImportFunctionName", importFunction.getFunctionName(), "Invoke to import a staged prototype folder, or reindex");
    output("ImportBucket", importer.staging().getBucketName(), "Stage prototype data folders here (aws s3 sync)");
  }

  /** Context {@code corsOrigins}: comma-separated origins, e.g. {@code https://app.example.com, https://admin.example.com}. */
  static List<String> corsOrigins(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(origin -> !origin.isEmpty()).toList();
  }

  private String context(String key, String fallback) {
    Object value = getNode().tryGetContext(key);
    return value == null || value.toString().isBlank() ? fallback : value.toString();
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }
}
