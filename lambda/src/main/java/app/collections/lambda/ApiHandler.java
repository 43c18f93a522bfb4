package app.collections.lambda;

import app.collections.CollectionsConfiguration;
import app.collections.assembly.Api;
import app.collections.assembly.Conversation;
import app.collections.assembly.Persistence;
import app.collections.assembly.Processing;
import app.collections.assembly.Searching;
import app.collections.auth.JwtVerifier;
import app.collections.chat.DynamoDbClients;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import app.collections.lazy.Lazy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import app.collections.json.Json;
import app.collections.http.RequestContextFilter;
import com.amazonaws.serverless.proxy.jersey.JerseyLambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.commons.text.StringSubstitutor;
import org.crac.Core;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.MDC;

/**
 * The production host: API Gateway HTTP API (payload v2) events into the same Jersey resources
 * the Dropwizard server runs, through aws-serverless-java-container. Built once per Lambda
 * container, in the constructor, so the init phase (and SnapStart) pays for it.
 */
public final class ApiHandler implements RequestStreamHandler {
  /** Bundled configuration; values come from the function's environment. */
  public static final String CONFIG_RESOURCE = "lambda.yml";
  /** The MDC key of the Lambda request id. */
  static final String REQUEST_ID = "requestId";

  private final JerseyLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> handler;
  /** Held here: a CRaC context may keep only a weak reference to what it is given. */
  private final SnapStartPriming priming;
  private final UnreportedPriming registeredPriming;
  private final EmfReporter metricsReporter;
  private final CompletableFuture<Void> initWarmup;

  public ApiHandler() {
    this(loadConfiguration(CONFIG_RESOURCE));
  }

  public ApiHandler(CollectionsConfiguration config) {
    this(config, System.out::println);
  }

  /** @param metricsOut where the EMF lines go: stdout on Lambda, which CloudWatch Logs reads */
  ApiHandler(CollectionsConfiguration config, Consumer<String> metricsOut) {
    if (config.getAuth().getDevIssuer().isEnabled()) {
      throw new IllegalStateException("the dev issuer must never run on Lambda");
    }
    IntervalTimerRegistry metrics = new IntervalTimerRegistry();
    this.metricsReporter = new EmfReporter(metrics, "api", metricsOut, Clock.systemUTC());
    var dataSource = config.getDatabase().build(metrics, "postgres");
    ObjectMapper json = Json.MAPPER;
    // The API function's features, in dependency order: everything but the workers (the processor
    // function runs the jobs) and the local stand-ins (this jar has none).
    Persistence db = Persistence.over(dataSource, metrics, json);
    JwtVerifier verifier = JwtVerifier.create(config.getAuth(), null);
    // The first connection and the issuer's keys, on a second thread while this one builds the rest.
    this.initWarmup = InitWarmup.start(db.jdbi(), verifier);
    var indexing = LambdaParts.indexing(config, db);
    Processing processing = LambdaParts.processing(config, db, indexing, metrics);
    Searching searching = Searching.create(config, db, indexing, metrics);
    Lazy.Once<DynamoDbClient> dynamo = DynamoDbClients.create(config.getChat().getDynamodb());
    Conversation conversation = Conversation.create(config, db, searching, dynamo);
    Api api = Api.create(config, db, processing, searching, conversation, verifier,
        false, json, metrics);
    ResourceConfig jersey = new ResourceConfig();
    // Our resources declare no Bean Validation and nobody reads a WADL: their features loaded
    // Hibernate Validator (579 classes) and JAXB at the first request.
    jersey.property(ServerProperties.BV_FEATURE_DISABLE, true);
    jersey.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    api.resources().forEach(jersey::register);
    api.filters().forEach(jersey::register);
    jersey.register(new RequestContextFilter(true));
    this.handler = JerseyLambdaContainerHandler.getHttpApiV2ProxyHandler(jersey);
    this.priming = new SnapStartPriming(this, api.graphql(), dataSource, config.getAuth().getCognito().issuer(),
        tenant -> api.rateLimits().ifPresent(limits -> limits.forget(tenant)),
        Stream.concat(processing.images().clients().stream(), Stream.of(dynamo)).toList(), initWarmup);
    this.registeredPriming = new UnreportedPriming(priming, metricsReporter);
    Core.getGlobalContext().register(registeredPriming);
  }

  /** Init's warm-up on its second thread (InitWarmup). */
  CompletableFuture<Void> initWarmup() {
    return initWarmup;
  }

  /** The SnapStart priming this handler runs. */
  SnapStartPriming priming() {
    return priming;
  }

  /** The hook registered with CRaC: the priming, kept out of the metrics. */
  UnreportedPriming registeredPriming() {
    return registeredPriming;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    // Every log line of the invocation carries it (JsonLogging writes the MDC).
    String requestId = context == null ? null : context.getAwsRequestId();
    MDC.put(REQUEST_ID, requestId);
    try {
      handler.proxyStream(input, output, context);
    } finally {
      metricsReporter.report(requestId);
      // RequestContextFilter clears its keys; this also covers a request Jersey never finished.
      MDC.clear();
    }
  }

  /** Reads a bundled YAML file, filling {@code ${VAR}}s from the environment and its secrets. */
  public static CollectionsConfiguration loadConfiguration(String resource) {
    return loadConfiguration(resource, SecretsEnvironment.fromSystem().substitutor());
  }

  /** Reads a bundled YAML file, filling {@code ${VAR}}s with the substitutor; fails on a missing one. */
  public static CollectionsConfiguration loadConfiguration(String resource, StringSubstitutor substitutor) {
    // No Bean Validation and the minimal mapper: Hibernate Validator's bootstrap (685 classes) and
    // the full mapper's modules made reading lambda.yml take 1.6-3.7 s of a loaded machine's
    // 5.6-12.7 s cold start (C1; 0.8 s median after, docs/benchmarks.md). The packaged lambda.yml
    // with the stack's environment is validated by a test instead (LambdaConfigurationTest); a
    // missing variable still fails here.
    // Enums as Dropwizard's full mapper reads them (`store: postgres`), so both hosts read one YAML.
    ObjectMapper mapper = Jackson.newMinimalObjectMapper()
        .configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
    var factory = new YamlConfigurationFactory<>(CollectionsConfiguration.class, null, mapper, "dw");
    try {
      return factory.build(new SubstitutingSourceProvider(new ResourceConfigurationSourceProvider(), substitutor),
          resource);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load " + resource + ": " + e.getMessage(), e);
    }
  }
}
