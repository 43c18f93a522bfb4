package app.collections.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The images, private: clients PUT and GET them only through URLs the API presigns. The API
 * signs the content type and length into each PUT, so the browser must be allowed to send them.
 */
final class ImageBucket extends Construct {
  private final Bucket bucket;

  /**
   * @param corsOrigins the web app origins whose pages PUT and GET presigned URLs (the API's own,
   *     {@link CollectionsStack#CORS_ORIGINS}); none: no CORS rule, as the mobile app needs none
   */
  ImageBucket(Construct scope, String id, List<String> corsOrigins) {
    super(scope, id);
    this.bucket = Bucket.Builder.create(this, "Bucket")
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .enforceSsl(true)
        .encryption(BucketEncryption.S3_MANAGED)
        .cors(corsOrigins.isEmpty() ? null : List.of(CorsRule.builder()
            .allowedMethods(List.of(HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD))
            // The app's origins, as for the API (the local S3 server does the same with http.corsOrigins).
            .allowedOrigins(corsOrigins)
            .allowedHeaders(List.of("Content-Type", "Content-Length"))
            .exposedHeaders(List.of("ETag"))
            .maxAge(3600)
            .build()))
        .lifecycleRules(List.of(LifecycleRule.builder()
            .id("abort-incomplete-multipart")
            .abortIncompleteMultipartUploadAfter(Duration.days(1))
            .build()))
        // People's images outlive the stack: a `cdk destroy` leaves the bucket for a human to empty.
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  Bucket bucket() {
    return bucket;
  }
}
