package app.collections.prototype;

import app.collections.lifecycle.ItemLifecycle;
import app.collections.pipeline.DeriveStep;
import app.collections.indexing.EmbeddingStep;
import app.collections.search.SearchService;
import app.collections.storage.ImageStore;
import org.jdbi.v3.core.Jdbi;
import app.collections.auth.Tenant;
import app.collections.indexing.Reindexer;
import app.collections.images.ImageInspector;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One prototype collection into one user's, in three phases each safe to stop and run again:
 * items (with their images and analyses), then their vectors, then the validation report. The
 * command runs it to the end; the Lambda runs it in slices of its time limit.
 */
public final class PrototypeMigration {
  private final PrototypeImporter importer;
  private final Reindexer reindexer;
  private final PrototypeValidation validation;

  /** {@code lifecycle} queues the analysis of each item the prototype never analysed (the workers, or SQS on AWS, hear of it). */
  public PrototypeMigration(Jdbi jdbi, ImageStore images, ItemLifecycle lifecycle, DeriveStep derive,
      EmbeddingStep embedding, SearchService search) {
    this.importer = new PrototypeImporter(jdbi, images, new ImageInspector(), lifecycle, derive);
    this.reindexer = new Reindexer(jdbi, embedding);
    this.validation = new PrototypeValidation(jdbi, images, search, reindexer);
  }

  /** Hears of the phases, for progress bars. */
  public interface Progress {
    Progress NONE = new Progress() {};

    default void importing(int items) {}

    default void imported(PrototypeImporter.Outcome outcome) {}

    default void embedding(long items) {}

    default void embedded(int items) {}
  }

  /** {@code report} is null until every phase finished (a dry run reports nothing: it wrote nothing). */
  public record Result(PrototypeImporter.Run run, Reindexer.Progress embedding, ImportReport report) {
    public boolean finished() {
      return run.finished() && (embedding == null || embedding.finished());
    }
  }

  public Result migrate(PrototypeData data, Tenant tenant, boolean dryRun, List<String> queries,
      BooleanSupplier keepGoing, Progress progress) {
    progress.importing(data.items().size());
    PrototypeImporter.Run run = importer.run(data, tenant, dryRun, keepGoing, progress::imported);
    if (!run.finished() || dryRun) {
      return new Result(run, null, null);
    }
    progress.embedding(reindexer.countMissing(tenant));
    Reindexer.Progress embedded = reindexer.embedMissing(tenant, keepGoing, progress::embedded);
    if (!embedded.finished()) {
      return new Result(run, embedded, null);
    }
    return new Result(run, embedded, validation.validate(data, tenant, run, queries));
  }
}
