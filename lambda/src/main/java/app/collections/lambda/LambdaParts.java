package app.collections.lambda;

import app.collections.CollectionsConfiguration;
import app.collections.assembly.Indexing;
import app.collections.assembly.Persistence;
import app.collections.assembly.Processing;
import app.collections.embeddings.Embedders;
import app.collections.storage.ImageStore;
import app.collections.vision.VisionAnalyzers;
import com.codahale.metrics.MetricRegistry;

/**
 * What the functions hand core's features: the AWS services and the keyed providers, never a
 * local stand-in (this module has none to offer: the compiler keeps them out of the jar). Public
 * for the import function (lambda-import), which builds on this host.
 */
public final class LambdaParts {
  private LambdaParts() {}

  /** Voyage's embeddings: the in-process model is not in this jar (its ONNX runtime alone is 93 MB). */
  public static Indexing indexing(CollectionsConfiguration config, Persistence db) {
    return Indexing.create(db, Embedders.voyage(config.getEmbeddings()), config.getSearch());
  }

  /** S3 and the keyed vision providers; jobs reach the processor function through SQS. */
  public static Processing processing(CollectionsConfiguration config, Persistence db, Indexing indexing, MetricRegistry metrics) {
    return Processing.create(config, db, ImageStore.create(config.getStorage()), VisionAnalyzers.create(config.getVision()),
        indexing, metrics);
  }
}
