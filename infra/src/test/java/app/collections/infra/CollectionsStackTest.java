package app.collections.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpUrlIntegration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;

/** The synthesized template: what the budget, security and the service's configuration depend on. */
class CollectionsStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Template template;
  private static String json;
  /** The cloud assembly of {@link #template}: its staged assets, the functions' code among them. */
  private static Path assembly;

  @BeforeAll
  static void synth() throws Exception {
    App app = new App(AppProps.builder().context(Map.of("alertEmail", "ops@example.com")).build());
    template = synth(app);
    assembly = Path.of(app.getOutdir());
    json = JSON.writeValueAsString(template.toJSON());
  }

  private static Template synth(Map<String, Object> context) {
    return synth(new App(AppProps.builder().context(context).build()));
  }

  private static Template synth(App app) {
    return Template.fromStack(new CollectionsStack(app, "Collections", StackProps.builder().build(),
        LambdaArtifacts.placeholders(Path.of("target", "placeholder-lambda"))));
  }

  @Test
  void natInstanceInsteadOfANatGatewayAndFreeGatewayEndpoints() {
    template.resourceCountIs("AWS::EC2::NatGateway", 0);
    template.resourceCountIs("AWS::EC2::Instance", 1);
    template.hasResourceProperties("AWS::EC2::Instance", Map.of(
        "InstanceType", "t4g.nano", "SourceDestCheck", false,
        "CreditSpecification", Map.of("CPUCredits", "standard")));
    template.resourceCountIs("AWS::EC2::VPCEndpoint", 2);
    template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway",
        "ServiceName", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
            Match.arrayWith(List.of(Match.stringLikeRegexp("\\.s3$")))))))));
    template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway",
        "ServiceName", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
            Match.arrayWith(List.of(Match.stringLikeRegexp("\\.dynamodb$")))))))));
    // Six subnets: public, app and data in each of two AZs.
    template.resourceCountIs("AWS::EC2::Subnet", 6);
  }

  @Test
  void natInstanceAcceptsTrafficFromTheVpcOnly() {
    template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
        "GroupDescription", "Security Group for NAT instances",
        "SecurityGroupIngress", List.of(Match.objectLike(Map.of(
            "CidrIp", Map.of("Fn::GetAtt", Match.arrayWith(List.of("CidrBlock"))), "IpProtocol", "-1")))));
  }

  @Test
  void postgresIsSmallPrivateEncryptedAndKept() {
    template.hasResource("AWS::RDS::DBInstance", Map.of(
        "Properties", Match.objectLike(Map.ofEntries(
            Map.entry("Engine", "postgres"),
            Map.entry("EngineVersion", "16"),
            Map.entry("DBInstanceClass", "db.t4g.micro"),
            Map.entry("AllocatedStorage", "20"),
            Map.entry("StorageType", "gp3"),
            Map.entry("StorageEncrypted", true),
            Map.entry("PubliclyAccessible", false),
            Map.entry("MultiAZ", false),
            Map.entry("BackupRetentionPeriod", 7),
            Map.entry("DeletionProtection", true),
            Map.entry("DBName", "collections"))),
        "DeletionPolicy", "Snapshot",
        "UpdateReplacePolicy", "Snapshot"));
    template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
        "GenerateSecretString", Match.objectLike(Map.of("GenerateStringKey", "password"))));
  }

  @Test
  void postgresAdmitsTheFunctionsOnly() {
    template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 1);
    template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
        "IpProtocol", "tcp", "FromPort", 5432, "ToPort", 5432,
        "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(logicalId("AWS::EC2::SecurityGroup",
            "Collections functions: out to the database and, through the NAT instance, the internet"), "GroupId"))));
  }

  @Test
  void imagesBucketIsPrivateTlsOnlyAndAcceptsPresignedUploads() {
    template.hasResource("AWS::S3::Bucket", Map.of(
        "Properties", Match.objectLike(Map.of(
            "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
            "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
            // The default synth has no app origins: no CORS rule (see the CORS test).
            "CorsConfiguration", Match.absent(),
            "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1), "Status", "Enabled")))))),
        "DeletionPolicy", "Retain"));
    template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of(
        "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Effect", "Deny", "Action", "s3:*",
            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))),
        "Version", "2012-10-17")));
  }

  @Test
  void chatTableKeysTtlAndSessionsIndex() {
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
        "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")),
        "BillingMode", "PAY_PER_REQUEST",
        "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", false),
        "GlobalSecondaryIndexes", List.of(Map.of(
            "IndexName", "byUser",
            "KeySchema", List.of(Map.of("AttributeName", "userId", "KeyType", "HASH"),
                Map.of("AttributeName", "lastActiveAt", "KeyType", "RANGE")),
            "Projection", Map.of("ProjectionType", "ALL")))));
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("AttributeDefinitions", Match.arrayWith(List.of(
        Map.of("AttributeName", "lastActiveAt", "AttributeType", "S")))));
  }

  @Test
  void jobsQueueDeadLettersAfterFiveReceivesAndOutlastsTheProcessor() {
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "VisibilityTimeout", 1800,
        "SqsManagedSseEnabled", true,
        "RedrivePolicy", Map.of("maxReceiveCount", 5, "deadLetterTargetArn",
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^JobsDeadLetters"), "Arn")))));
    template.resourceCountIs("AWS::SQS::Queue", 2);
  }

  @Test
  void functionsRunTheServiceJarOnJava21Graviton() {
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", "app.collections.lambda.ApiHandler::handleRequest",
        "Runtime", "java21", "Architectures", List.of("arm64"),
        "MemorySize", 1536, "Timeout", 29,
        "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
        "VpcConfig", Match.objectLike(Map.of())));
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", "app.collections.lambda.ProcessorHandler::handleRequest",
        "Runtime", "java21", "Architectures", List.of("arm64"),
        "MemorySize", 2048, "Timeout", 300, "ReservedConcurrentExecutions", 3));
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", "app.collections.lambda.MigrateHandler::handleRequest", "Runtime", "java21"));
    template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
    template.resourceCountIs("AWS::Logs::LogGroup", 4);
    template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 14));
  }

  /**
   * SQLite and the prototype import are the import function's alone: the three others run the
   * service's jar, which carries neither (LambdaJarIT), and it runs the import jar (ImportJarIT).
   */
  @Test
  void theImporterRunsTheImportJarAndTheOtherFunctionsTheServiceJar() throws Exception {
    for (String handler : List.of(Api.HANDLER, Processor.HANDLER, Migrator.HANDLER)) {
      assertThat(artifactOf(handler)).as(handler).contains("lambda/target/collections-lambda.jar");
    }
    assertThat(artifactOf(Importer.HANDLER)).contains("lambda-import/target/collections-import.jar");
  }

  @Test
  void functionsGetWhatLambdaYmlReadsWithoutAnySecretValue() {
    Map<String, Object> api = environmentOf("app.collections.lambda.ApiHandler::handleRequest");
    assertThat(api).containsKeys("DB_SECRET_ARN", "DB_HOST", "DB_PORT", "DB_NAME", "COGNITO_REGION",
        "COGNITO_USER_POOL_ID", "COGNITO_CLIENT_IDS", "IMAGES_BUCKET", "CHAT_TABLE", "PROVIDER_SECRET_ARN",
        "JOBS_QUEUE_URL", "CONFIG_REVISION");
    assertThat(api).doesNotContainKeys("DB_PASSWORD", "DB_USER", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "AWS_REGION");
    Map<String, Object> processor = environmentOf("app.collections.lambda.ProcessorHandler::handleRequest");
    assertThat(processor).containsKeys("DB_SECRET_ARN", "PROVIDER_SECRET_ARN", "IMAGES_BUCKET", "CHAT_TABLE")
        .doesNotContainKey("JOBS_QUEUE_URL");
    // Only references to the generated secret, never its value.
    assertThat(json).doesNotContainIgnoringCase("MasterUserPassword\":\"").contains("{{resolve:secretsmanager:");
  }

  @Test
  void alarmsMailTheBudgetsAddressThroughOneTopic() {
    template.resourceCountIs("AWS::SNS::Topic", 1);
    template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
    template.resourceCountIs("AWS::CloudWatch::Alarm", 7);
    String topic = template.findResources("AWS::SNS::Topic").keySet().iterator().next();
    template.allResourcesProperties("AWS::CloudWatch::Alarm", Map.of(
        "AlarmActions", List.of(Map.of("Ref", topic)), "TreatMissingData", "notBreaching"));
  }

  @Test
  void alarmsWatchTheApiTheProcessorTheDatabaseAndTheChatTable() {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "Namespace", "AWS/ApiGateway", "MetricName", "5xx", "Statistic", "Sum", "Threshold", 1));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "Namespace", "AWS/ApiGateway", "MetricName", "Latency", "ExtendedStatistic", "p95", "Threshold", 3000,
        "EvaluationPeriods", 3));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "Namespace", "AWS/Lambda", "MetricName", "Errors", "Dimensions", List.of(Map.of(
            "Name", "FunctionName", "Value", Map.of("Ref", Match.stringLikeRegexp("ProcessorHandler.*"))))));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible", "Dimensions", List.of(Map.of(
            "Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("JobsDeadLetters.*"), "QueueName"))))));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "Namespace", "AWS/RDS", "MetricName", "CPUUtilization", "Threshold", 80));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "Namespace", "AWS/RDS", "MetricName", "FreeStorageSpace", "ComparisonOperator", "LessThanThreshold"));
    // DynamoDB counts throttles per operation: the alarm sums them in a math expression.
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Metrics", Match.arrayWith(List.of(
        Match.objectLike(Map.of("MetricStat", Match.objectLike(Map.of("Metric", Match.objectLike(Map.of(
            "Namespace", "AWS/DynamoDB", "MetricName", "ThrottledRequests"))))))))));
    template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    assertThat(json).contains("API p95 latency (ms)", "Dead letters", "RDS free storage", "DynamoDB throttles");
  }

  @Test
  void functionsRunTheJvmWithTheOptionsTheColdStartBenchmarkChose() {
    for (String handler : List.of("app.collections.lambda.ApiHandler::handleRequest",
        "app.collections.lambda.ProcessorHandler::handleRequest")) {
      assertThat(environmentOf(handler)).containsEntry("JAVA_TOOL_OPTIONS",
          "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Dcollections.logging=json");
    }
  }

  @Test
  void tracesGoToXRayOnlyWhenTheDeployNamesAnOpenTelemetryLayer() {
    assertThat(json).doesNotContain("AWS_LAMBDA_EXEC_WRAPPER", "TracingConfig");
    String layer = "arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-java-agent-arm64-ver-1-32-0:6";
    Template traced = synth(Map.of("otelLayerArn", layer));
    for (String handler : List.of("app.collections.lambda.ApiHandler::handleRequest",
        "app.collections.lambda.ProcessorHandler::handleRequest")) {
      traced.hasResourceProperties("AWS::Lambda::Function", Map.of(
          "Handler", handler,
          "Layers", List.of(layer),
          "TracingConfig", Map.of("Mode", "Active"),
          "Environment", Map.of("Variables", Match.objectLike(Map.of(
              "AWS_LAMBDA_EXEC_WRAPPER", "/opt/otel-handler",
              // The stack's JVM options stay; the wrapper adds the agent to them.
              "JAVA_TOOL_OPTIONS", ServiceFunctions.JVM_OPTIONS)))));
    }
    // Active tracing grants the functions X-Ray's write actions.
    traced.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
        Match.arrayWith(List.of(Match.objectLike(Map.of("Action",
            List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"))))))));
  }

  @Test
  void aNewConfigRevisionPublishesANewApiVersionSoSnapStartRereadsTheSecrets() {
    var before = template.findResources("AWS::Lambda::Version").keySet();
    var after = synth(Map.of("configRevision", "2")).findResources("AWS::Lambda::Version").keySet();
    assertThat(before).hasSize(1);
    assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
  }

  @Test
  void processorReadsOneMessageAtATimeAndSweepsEveryMinute() {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
        "BatchSize", 1,
        "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
        "ScalingConfig", Map.of("MaximumConcurrency", 2)));
    template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 minute)", "State", "ENABLED"));
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
        "MaximumRetryAttempts", 0, "MaximumEventAgeInSeconds", 60));
  }

  @Test
  void httpApiCorsAllowsTheConfiguredAppOriginsOnlyTheSameTheServiceGets() {
    Template configured = synth(Map.of("corsOrigins", "https://app.example.com, https://admin.example.com"));
    List<String> origins = List.of("https://app.example.com", "https://admin.example.com");
    configured.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("CorsConfiguration", Map.of(
        "AllowOrigins", origins,
        "AllowMethods", List.of("GET", "POST", "OPTIONS"),
        "AllowHeaders", List.of("Authorization", "Content-Type", "traceparent"),
        "ExposeHeaders", List.of("traceparent"),
        "MaxAge", 86400)));
    configured.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Api.HANDLER,
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            CollectionsStack.CORS_ORIGINS, "https://app.example.com, https://admin.example.com")))));
    // The images bucket: presigned PUT/GET from the same origins.
    configured.hasResourceProperties("AWS::S3::Bucket", Map.of("CorsConfiguration", Map.of("CorsRules", List.of(
        Match.objectLike(Map.of(
            "AllowedOrigins", origins,
            "AllowedMethods", List.of("PUT", "GET", "HEAD"),
            "AllowedHeaders", List.of("Content-Type", "Content-Length")))))));
    // Without the context no origin is allowed: no wildcard, and no CORS configuration at all.
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("CorsConfiguration", Match.absent()));
    assertThat(json).doesNotContain("\"AllowOrigins\":[\"*\"]").doesNotContain("\"AllowedOrigins\":[\"*\"]");
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", Api.HANDLER,
        "Environment", Map.of("Variables", Match.objectLike(Map.of(CollectionsStack.CORS_ORIGINS, "")))));
  }

  @Test
  void httpApiRoutesTheServicesPathsToTheLiveAliasWithThrottling() {
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
    for (String route : List.of("POST /graphql", "GET /graphql", "GET /graphiql", "GET /graphiql/{proxy+}",
        "GET /health", "GET /version")) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", route));
    }
    template.resourceCountIs("AWS::ApiGatewayV2::Route", 6);
    template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
        "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0",
        "IntegrationUri", Map.of("Ref", Match.stringLikeRegexp("^ApiLive"))));
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "$default", "AutoDeploy", true,
        "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 10, "ThrottlingBurstLimit", 20)));
  }

  @Test
  void healthAndVersionAreRoutedToTheFunctionWithoutAnAuthorizer() {
    Map<String, Object> graphql = routeProperties("POST /graphql");
    for (String route : List.of("GET /health", "GET /version")) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", route,
          "AuthorizationType", "NONE", "AuthorizerId", Match.absent()));
      // The same integration as /graphql: the API function's live alias.
      assertThat(routeProperties(route).get("Target")).isEqualTo(graphql.get("Target"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> routeProperties(String routeKey) {
    return template.findResources("AWS::ApiGatewayV2::Route").values().stream()
        .map(resource -> (Map<String, Object>) resource.get("Properties"))
        .filter(properties -> routeKey.equals(properties.get("RouteKey")))
        .findFirst().orElseThrow(() -> new AssertionError("no route " + routeKey));
  }

  /**
   * The stack checks tokens in the function (JwtVerifier), not with an API Gateway authorizer. Were
   * the API given a default one (Cognito's JWT authorizer), /graphql would get it and the public
   * routes still none: they are declared with no authorizer, not merely left without one.
   */
  @Test
  void publicRoutesStayPublicUnderADefaultJwtAuthorizer() {
    Stack stack = new Stack(new App(), "Routes");
    HttpApi api = HttpApi.Builder.create(stack, "HttpApi")
        .defaultAuthorizer(HttpJwtAuthorizer.Builder.create("Cognito",
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Test")
            .jwtAudience(List.of("client")).build())
        .build();
    HttpUrlIntegration integration = new HttpUrlIntegration("Function", "https://function.example.com");
    Api.route(api, integration, "/graphql", HttpMethod.POST, HttpMethod.GET);
    Api.publicRoute(api, integration, "/health");
    Api.publicRoute(api, integration, "/version");
    Template routes = Template.fromStack(stack);
    for (String route : List.of("POST /graphql", "GET /graphql")) {
      routes.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", route,
          "AuthorizationType", "JWT", "AuthorizerId", Match.anyValue()));
    }
    for (String route : List.of("GET /health", "GET /version")) {
      routes.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", route,
          "AuthorizationType", "NONE", "AuthorizerId", Match.absent()));
    }
  }

  @Test
  void cognitoPoolForEmailSignInAndAPublicClient() {
    template.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
        "UsernameAttributes", List.of("email"),
        "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", false),
        "Policies", Map.of("PasswordPolicy", Match.objectLike(Map.of("MinimumLength", 12, "RequireSymbols", true)))));
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
        "GenerateSecret", false,
        "ExplicitAuthFlows", Match.arrayWith(List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))));
  }

  @Test
  void leastPrivilege() throws Exception {
    String api = policyOf("Api");
    assertThat(api).contains("s3:PutObject", "s3:DeleteObject", "s3:GetObject", "sqs:SendMessage",
        "dynamodb:PutItem", "dynamodb:Query", "secretsmanager:GetSecretValue");
    assertThat(api).doesNotContain("sqs:ReceiveMessage", "\"s3:*\"", "\"dynamodb:*\"");
    assertThat(policyOf("Migrator")).contains("secretsmanager:GetSecretValue")
        .doesNotContain("s3:", "sqs:", "dynamodb:");
    String processor = policyOf("Processor");
    assertThat(processor).contains("s3:GetObject", "s3:DeleteObject", "sqs:ReceiveMessage", "sqs:DeleteMessage",
        "secretsmanager:GetSecretValue");
    assertThat(processor).doesNotContain("dynamodb:", "sqs:SendMessage");
    // It writes renditions only: s3:PutObject on */thumbnail.jpg and */preview.jpg, never an original.
    assertThat(processor).contains("s3:PutObject", "/*/thumbnail.jpg", "/*/preview.jpg");
  }

  @Test
  void budgetAndOutputs() {
    template.hasResourceProperties("AWS::Budgets::Budget", Map.of(
        "Budget", Match.objectLike(Map.of("BudgetLimit", Map.of("Amount", 50, "Unit", "USD"), "TimeUnit", "MONTHLY")),
        "NotificationsWithSubscribers", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Subscribers", List.of(Map.of("SubscriptionType", "EMAIL", "Address", "ops@example.com"))))))));
    for (String output : List.of("ApiUrl", "UserPoolId", "UserPoolClientId", "ImagesBucket", "ChatTableName",
        "JobsQueueUrl", "DatabaseSecretArn", "ProviderSecretArn", "MigrateFunctionName")) {
      template.hasOutput(output, Match.anyValue());
    }
  }

  @Test
  void importerRunsInTheVpcForLambdasLimitReadingItsOwnStagingBucket() throws Exception {
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", "app.collections.lambda.imports.ImportHandler::handleRequest", "Runtime", "java21",
        "Timeout", 900, "MemorySize", 2048, "EphemeralStorage", Map.of("Size", 2048),
        "VpcConfig", Match.objectLike(Map.of())));
    assertThat(environmentOf("app.collections.lambda.imports.ImportHandler::handleRequest"))
        .containsKeys("DB_SECRET_ARN", "IMAGES_BUCKET", "IMPORT_BUCKET", "JOBS_QUEUE_URL", "PROVIDER_SECRET_ARN");
    template.hasResourceProperties("AWS::S3::Bucket", Map.of(
        "LifecycleConfiguration", Map.of("Rules", List.of(Map.of("Id", "expire-staged-folders",
            "ExpirationInDays", 30, "Status", "Enabled")))));
    String importer = policyOf("Importer");
    assertThat(importer).contains("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "sqs:SendMessage",
        "secretsmanager:GetSecretValue").doesNotContain("dynamodb:", "sqs:ReceiveMessage");
    template.hasOutput("ImportFunctionName", Match.anyValue());
    template.hasOutput("ImportBucket", Match.anyValue());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environmentOf(String handler) {
    return (Map<String, Object>) ((Map<String, Object>) propertiesOf(handler).get("Environment")).get("Variables");
  }

  /**
   * What the function's code asset holds, read where the synth staged it: here the placeholder
   * that names the jar it stands for (the asset's S3 key is its hash, the staged folder asset.HASH).
   */
  @SuppressWarnings("unchecked")
  private static String artifactOf(String handler) throws Exception {
    String key = (String) ((Map<String, Object>) propertiesOf(handler).get("Code")).get("S3Key");
    Path staged = assembly.resolve("asset." + key.substring(0, key.length() - ".zip".length()));
    return Files.readString(staged.resolve(LambdaArtifacts.PLACEHOLDER));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> propertiesOf(String handler) {
    Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function",
        Map.of("Properties", Map.of("Handler", handler)));
    assertThat(functions).hasSize(1);
    return (Map<String, Object>) functions.values().iterator().next().get("Properties");
  }

  /** The IAM policies of a construct's function role, as JSON. */
  private static String policyOf(String construct) throws Exception {
    List<Object> policies = template.findResources("AWS::IAM::Policy").entrySet().stream()
        .filter(e -> e.getKey().startsWith(construct + "Handler"))
        .map(e -> (Object) e.getValue())
        .toList();
    assertThat(policies).isNotEmpty();
    return JSON.writeValueAsString(policies);
  }

  private static String logicalId(String type, String description) {
    return template.findResources(type, Map.of("Properties", Map.of("GroupDescription", description)))
        .keySet().iterator().next();
  }
}
