package app.collections.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.constructs.Construct;

/**
 * The GraphQL API: an HTTP API (payload v2, what ApiHandler reads) in front of the API function's
 * {@code live} alias. SnapStart restores published versions from a snapshot taken after init, so
 * the 5-second Dropwizard/Jersey/GraphQL start-up is paid once per deploy, not per cold start; the
 * alias is what makes API Gateway call a published version.
 */
final class Api extends Construct {
  static final String HANDLER = "app.collections.lambda.ApiHandler::handleRequest";
  /** API Gateway's own limit is 30 s; stop first so the client gets the function's answer. */
  static final Duration TIMEOUT = Duration.seconds(29);
  /**
   * A ceiling, not a forecast: about 10 requests a second is far above a small app's traffic, and
   * keeps a runaway client or a flood from running up the Lambda and API Gateway bill unnoticed.
   */
  static final int RATE_LIMIT = 10;
  static final int BURST_LIMIT = 20;

  private final Function function;
  private final HttpStage stage;
  private final HttpApi httpApi;

  /**
   * @param corsOrigins the web app origins a browser may call from ({@code https://app.example.com});
   *     none: no CORS configuration, so API Gateway answers no preflight and browsers on other
   *     origins are refused (the mobile app does not need CORS)
   */
  Api(Construct scope, String id, ServiceFunctions functions, Map<String, String> ownEnvironment,
      List<String> corsOrigins) {
    super(scope, id);
    this.function = functions.builder(this, "Handler", HANDLER, ownEnvironment)
        .description("Collections GraphQL API")
        .memorySize(1536)
        .timeout(TIMEOUT)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .build();
    Alias live = Alias.Builder.create(this, "Live").aliasName("live").version(function.getCurrentVersion()).build();

    HttpApi.Builder apiBuilder = HttpApi.Builder.create(this, "HttpApi")
        .description("Collections GraphQL API")
        .createDefaultStage(false);
    if (!corsOrigins.isEmpty()) {
      // The same origins the service's http.corsOrigins gets (CORS_ORIGINS): API Gateway answers
      // the preflights and sets the headers, so a page on any other site cannot call the API.
      apiBuilder.corsPreflight(CorsPreflightOptions.builder()
          .allowOrigins(corsOrigins)
          .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS))
          // traceparent: a web client's own trace (W3C Trace Context); the answer names its span.
          .allowHeaders(List.of("Authorization", "Content-Type", "traceparent"))
          .exposeHeaders(List.of("traceparent"))
          .maxAge(Duration.days(1))
          .build());
    }
    HttpApi api = this.httpApi = apiBuilder.build();
    this.stage = HttpStage.Builder.create(this, "Stage")
        .httpApi(api)
        .stageName("$default")
        .autoDeploy(true)
        .throttle(ThrottleSettings.builder().rateLimit(RATE_LIMIT).burstLimit(BURST_LIMIT).build())
        .build();

    // Only the service's own paths reach the function; anything else is API Gateway's 404, free.
    HttpLambdaIntegration integration = new HttpLambdaIntegration("Function", live);
    route(api, integration, "/graphql", HttpMethod.POST, HttpMethod.GET);
    route(api, integration, "/graphiql", HttpMethod.GET);
    route(api, integration, "/graphiql/{proxy+}", HttpMethod.GET);
    // For uptime checks, which carry no token (HealthResource, VersionResource): explicitly without
    // an authorizer, so an API-wide default one added later cannot lock them out.
    publicRoute(api, integration, "/health");
    publicRoute(api, integration, "/version");
  }

  static void route(HttpApi api, HttpRouteIntegration integration, String path, HttpMethod... methods) {
    api.addRoutes(AddRoutesOptions.builder().path(path).methods(List.of(methods)).integration(integration).build());
  }

  static void publicRoute(HttpApi api, HttpRouteIntegration integration, String path) {
    api.addRoutes(AddRoutesOptions.builder().path(path).methods(List.of(HttpMethod.GET)).integration(integration)
        .authorizer(new HttpNoneAuthorizer()).build());
  }

  Function function() {
    return function;
  }

  HttpApi httpApi() {
    return httpApi;
  }

  String url() {
    return stage.getUrl();
  }
}
