package app.collections.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * What the functions share: their jar ({@code code}: the service's; the import function's own by
 * {@link #withCode}) on Java 21 and Graviton (about 20% cheaper per GB-second than x86, and
 * SnapStart supports it), the app subnets and their security group, the variables lambda.yml
 * reads, and logs kept two weeks.
 */
record ServiceFunctions(Code code, Network network, ISecurityGroup securityGroup, Map<String, String> environment,
    String tracesLayerArn) {
  /**
   * The OpenTelemetry Lambda layer's handler wrapper (AWS Distro for OpenTelemetry's Java agent
   * layer): it starts the agent, whose SDK becomes the service's GlobalOpenTelemetry, so the
   * request, model and embedding spans (app.collections.tracing) go to X-Ray. Off unless the deploy
   * names a layer ({@code -c otelLayerArn=...}): the agent adds to every cold start, and without it
   * the spans still give the logs and the providers their trace and span ids (docs/deploy.md).
   */
  static final String TRACES_WRAPPER = "/opt/otel-handler";

  /**
   * The JVM's options, read by the Lambda runtime from {@code JAVA_TOOL_OPTIONS}. C1 only: a
   * function's requests are short and its JVM young, and C2's compiler threads compete with the
   * request for the function's fraction of a core. Measured by {@code ./dev coldstart} on the
   * built jar: CPU to the first answer 2.8-3.3 s instead of 5.3-6.5 s, the second request
   * 31-77 ms instead of 106-319 ms (docs/benchmarks.md). Logs as JSON lines with the request id
   * (the service's app.collections.lambda.JsonLogging).
   */
  static final String JVM_OPTIONS =
      "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Dcollections.logging=json";

  /** The same, running another jar: the import function's ({@link LambdaArtifacts#importer}). */
  ServiceFunctions withCode(Code other) {
    return new ServiceFunctions(other, network, securityGroup, environment, tracesLayerArn);
  }

  /** A function running {@code handler}, with its own variables on top of the shared ones. */
  Function.Builder builder(Construct scope, String id, String handler, Map<String, String> ownEnvironment) {
    Map<String, String> variables = new HashMap<>(environment);
    variables.putAll(ownEnvironment);
    variables.putIfAbsent("JAVA_TOOL_OPTIONS", JVM_OPTIONS);
    boolean traced = tracesLayerArn != null && !tracesLayerArn.isBlank();
    if (traced) {
      variables.put("AWS_LAMBDA_EXEC_WRAPPER", TRACES_WRAPPER);
      variables.put("OTEL_SERVICE_NAME", "collections-" + id.toLowerCase(java.util.Locale.ROOT));
    }
    LogGroup logs = LogGroup.Builder.create(scope, id + "Logs")
        .retention(RetentionDays.TWO_WEEKS)
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
    return Function.Builder.create(scope, id)
        .runtime(Runtime.JAVA_21)
        .architecture(Architecture.ARM_64)
        .code(code)
        .handler(handler)
        .vpc(network.vpc())
        .vpcSubnets(network.appSubnets())
        .securityGroups(List.of(securityGroup))
        .environment(variables)
        .logGroup(logs)
        // Active tracing lets the layer's collector write to X-Ray (and grants it that).
        .tracing(traced ? Tracing.ACTIVE : Tracing.DISABLED)
        .layers(traced ? List.of(LayerVersion.fromLayerVersionArn(scope, id + "TracesLayer", tracesLayerArn)) : List.of());
  }
}
