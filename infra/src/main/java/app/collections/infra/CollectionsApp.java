package app.collections.infra;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.lambda.Code;

/**
 * {@code cdk synth} / {@code cdk deploy} from infra/ (cdk.json runs this). Context:
 * {@code lambdaJar} (default {@value LambdaArtifact#DEFAULT_JAR}), {@code placeholderCode=true} to
 * synth without the jar, {@code alertEmail} for the budget's alerts.
 */
public final class CollectionsApp {
  private CollectionsApp() {}

  public static void main(String[] args) {
    // Outside the CDK CLI (mvn exec:java alone) the assembly goes to cdk.out, not a temp folder.
    App app = new App(AppProps.builder()
        .outdir(System.getenv("CDK_OUTDIR") == null ? "cdk.out" : null)
        .build());
    Code code = "true".equals(context(app, "placeholderCode"))
        ? LambdaArtifact.placeholder(Path.of("target", "placeholder-lambda"))
        : LambdaArtifact.jar(Path.of(orDefault(context(app, "lambdaJar"), LambdaArtifact.DEFAULT_JAR)));
    // Environment-agnostic on purpose: the CLI deploys it to the profile's account and region, and
    // nothing is looked up at synth (an env-bound Vpc would look up the region's AZs).
    new CollectionsStack(app, "Collections", StackProps.builder()
        .description("Collections: GraphQL API for AI-analysed image collections")
        .build(), code, context(app, "alertEmail"));
    Tags.of(app).add("project", "collections");
    app.synth();
  }

  private static String context(App app, String key) {
    Object value = app.getNode().tryGetContext(key);
    return value == null ? null : value.toString();
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
