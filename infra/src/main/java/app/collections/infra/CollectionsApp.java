package app.collections.infra;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * {@code cdk synth} / {@code cdk deploy} from infra/ (cdk.json runs this). Context:
 * {@code lambdaJar} (default {@value LambdaArtifacts#SERVICE_JAR}), {@code importJar} (default
 * {@value LambdaArtifacts#IMPORT_JAR}), {@code placeholderCode=true} to synth without the jars, and
 * the stack's own ({@code alertEmail}, {@code configRevision}).
 */
public final class CollectionsApp {
  private CollectionsApp() {}

  public static void main(String[] args) {
    // Outside the CDK CLI (mvn exec:java alone) the assembly goes to cdk.out, not a temp folder.
    App app = new App(AppProps.builder()
        .outdir(System.getenv("CDK_OUTDIR") == null ? "cdk.out" : null)
        .build());
    LambdaArtifacts code = "true".equals(String.valueOf(app.getNode().tryGetContext("placeholderCode")))
        ? LambdaArtifacts.placeholders(Path.of("target", "placeholder-lambda"))
        : LambdaArtifacts.jars(Path.of(context(app, "lambdaJar", LambdaArtifacts.SERVICE_JAR)),
            Path.of(context(app, "importJar", LambdaArtifacts.IMPORT_JAR)));
    // Environment-agnostic on purpose: the CLI deploys it to the profile's account and region, and
    // nothing is looked up at synth (an env-bound Vpc would look up the region's AZs).
    new CollectionsStack(app, "Collections", StackProps.builder()
        .description("Collections: GraphQL API for AI-analysed image collections")
        .build(), code);
    Tags.of(app).add("project", "collections");
    app.synth();
  }

  private static String context(App app, String key, String fallback) {
    Object value = app.getNode().tryGetContext(key);
    return value == null ? fallback : value.toString();
  }
}
