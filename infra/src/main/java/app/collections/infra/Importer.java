package app.collections.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The prototype import and {@code reindex}, invoked by an operator (docs/deploy.md): the database
 * is in isolated subnets, so the work runs here, in the VPC. A prototype data folder is staged in
 * its own private bucket ({@code aws s3 sync}); the function imports it in slices of its 15
 * minutes and answers {@code "done": false} until the last one. It runs the import jar
 * ({@code functions} carries it: {@link LambdaArtifacts#importer}), the only one with SQLite.
 */
final class Importer extends Construct {
  static final String HANDLER = "app.collections.lambda.imports.ImportHandler::handleRequest";
  /** Staged copies are a means, not a home: people's images stay only in the images bucket. */
  static final int STAGED_DAYS = 30;

  private final Bucket staging;
  private final Function function;

  Importer(Construct scope, String id, ServiceFunctions functions, Map<String, String> environment) {
    super(scope, id);
    this.staging = Bucket.Builder.create(this, "Staging")
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .enforceSsl(true)
        .encryption(BucketEncryption.S3_MANAGED)
        .lifecycleRules(List.of(LifecycleRule.builder().id("expire-staged-folders")
            .expiration(Duration.days(STAGED_DAYS)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    Map<String, String> own = new java.util.HashMap<>(environment);
    own.put("IMPORT_BUCKET", staging.getBucketName());
    this.function = functions.builder(this, "Handler", HANDLER, own)
        .description("Collections: import a staged prototype folder, or reindex (invoke by hand until done)")
        // The embedding batches and image checks are the work; SQLite and one image at a time fit.
        .memorySize(2048)
        // Lambda's limit: the handler stops starting work 3 minutes before it.
        .timeout(Duration.minutes(15))
        // The staged collections.db is copied to /tmp.
        .ephemeralStorageSize(Size.gibibytes(2))
        // Invoked synchronously by a person, who invokes again: never on its own.
        .retryAttempts(0)
        .build();
    staging.grantRead(function);
  }

  Bucket staging() {
    return staging;
  }

  Function function() {
    return function;
  }
}
