package app.collections.pipeline;

import app.collections.analyses.AnalysisDao;
import app.collections.analyses.NewAnalysis;
import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.items.Location;
import app.collections.search.DocumentBuilder;
import app.collections.search.SearchDocument;
import app.collections.search.SearchIndexDao;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores an analysis as the item's newest and queues its embedding. The analysis, its BM25
 * document and the embedding job commit together, so the embedding is as durable as the analysis.
 * The item stays ANALYZING until that embedding is stored ({@link
 * app.collections.indexing.EmbeddingStep}): READY means findable in every search mode. Before,
 * READY came here, and the hold-out queries asked right after the last of 55 imported items turned
 * READY scored VECTOR MRR 0.375 and HYBRID 0.558 instead of 0.575 and 0.617 (issue 14).
 */
public final class AnalysisRecorder {
  private final Jdbi jdbi;
  private final ItemLifecycle lifecycle;
  private final DocumentBuilder documents = new DocumentBuilder();

  public AnalysisRecorder(Jdbi jdbi, ItemLifecycle lifecycle) {
    this.jdbi = jdbi;
    this.lifecycle = lifecycle;
  }

  /**
   * {@code jobId} (nullable) is the analysis job this completes. The document carries the words of
   * the item's place when the DERIVE job has found one (read with the item's row locked, so a place
   * recorded at the same moment is either seen here or sees this analysis, DeriveStep).
   */
  public void record(Tenant tenant, NewAnalysis row, UUID jobId) {
    jdbi.useTransaction(h -> {
      Location location = h.attach(ItemDao.class).lockedLocation(tenant, row.itemId()).orElse(null);
      SearchDocument document = documents.build(row.raw(), location);
      h.attach(AnalysisDao.class).add(tenant, row);
      h.attach(SearchIndexDao.class).index(tenant, row.itemId(), row.id(), document);
      lifecycle.analysisStored(h, tenant, row.itemId(), jobId);
    });
  }
}
