package app.collections.indexing;

import app.collections.embeddings.EmbeddingDao;

import app.collections.auth.Tenant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Embeds what lacks a vector of the configured model, in batches: {@code reindex}, the end of a
 * prototype import, and their Lambda runs, which stop between batches when time runs short and
 * pick up where they stopped (only what is missing is ever done).
 */
public final class Reindexer {
  /**
   * Items per model call (up to two passages each): bounds one call's memory, and is the step at
   * which a Lambda run can stop when its time runs short.
   */
  public static final int BATCH = 32;

  private final EmbeddingStep embedding;
  private final EmbeddingDao embeddings;

  public Reindexer(Jdbi jdbi, EmbeddingStep embedding) {
    this.embedding = embedding;
    this.embeddings = jdbi.onDemand(EmbeddingDao.class);
  }

  /** How many items were embedded, and whether none is left missing. */
  public record Progress(int embedded, boolean finished) {}

  public String model() {
    return embedding.embedder().model();
  }

  public long countMissing(Tenant tenant) {
    return embeddings.countMissing(tenant, model());
  }

  /** The users with items that lack a vector of the model. */
  public List<String> tenantsMissing() {
    return embeddings.tenantsMissing(model());
  }

  public Progress embedMissing(Tenant tenant, BooleanSupplier keepGoing, IntConsumer progress) {
    int embedded = 0;
    List<UUID> batch;
    while (keepGoing.getAsBoolean()) {
      batch = embeddings.missing(tenant, model(), BATCH);
      if (batch.isEmpty()) {
        return new Progress(embedded, true);
      }
      int done = embedding.embedAll(tenant, batch);
      if (done == 0) {
        // Documents deleted between the two reads: nothing of this batch is left to embed.
        return new Progress(embedded, embeddings.missing(tenant, model(), 1).isEmpty());
      }
      embedded += done;
      progress.accept(done);
    }
    return new Progress(embedded, false);
  }

  public void dropOtherModels(Tenant tenant) {
    embeddings.deleteOtherModels(tenant, model());
  }
}
