package app.collections.testing;

import app.collections.lifecycle.ItemLifecycle;
import app.collections.auth.Tenant;
import app.collections.indexing.EmbeddingStep;
import app.collections.embeddings.VectorIndexes;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.pipeline.AnalysisRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Puts golden analyses into a tenant's collection the way the pipeline does (recorded, indexed,
 * embedded by the real local model); an item's filename is its golden id + ".jpg".
 */
public final class SearchableItems {
  private final Jdbi jdbi;
  private final AnalysisRecorder recorder;
  private final EmbeddingStep embedding;

  public SearchableItems(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.recorder = new AnalysisRecorder(jdbi, new ItemLifecycle(jdbi, 3, (tenant, itemId) -> {}));
    this.embedding = new EmbeddingStep(jdbi, TestEmbedder.local(), new VectorIndexes(jdbi, 5000));
  }

  public UUID add(Tenant tenant, JsonNode golden) {
    UUID id = UUID.randomUUID();
    String goldenId = golden.path("item_id").asText();
    jdbi.onDemand(ItemDao.class).insert(tenant,
        new NewItem(id, goldenId + ".jpg", goldenId + ".jpg", "image/jpeg", 1000, 589, 1280, null, null));
    reanalyse(tenant, id, golden);
    return id;
  }

  /** A new analysis version of the item: its document and vector are replaced. */
  public void reanalyse(Tenant tenant, UUID itemId, JsonNode golden) {
    recorder.record(tenant, Fixtures.analysisOf(itemId, golden), null);
    embedding.embed(tenant, itemId);
  }
}
