package app.collections.pipeline;

import app.collections.auth.Tenant;
import app.collections.indexing.EmbeddingStep;
import app.collections.lifecycle.Job;

/**
 * EMBED: the vectors of the item's document, and READY with them ({@link EmbeddingStep}). A failure
 * keeps the item ANALYZING while attempts remain, then FAILED; retryItem analyses it again.
 */
final class EmbedJob implements JobStep {
  private final EmbeddingStep embedding;

  EmbedJob(EmbeddingStep embedding) {
    this.embedding = embedding;
  }

  @Override
  public String kind() {
    return Job.EMBED;
  }

  @Override
  public String name() {
    return "embedding";
  }

  @Override
  public boolean run(Tenant tenant, Job job) throws StepFailure {
    try {
      embedding.embed(tenant, job.itemId());
      return false;
    } catch (RuntimeException e) {
      throw new StepFailure("Embedding failed: " + e.getMessage(), true, e);
    }
  }
}
