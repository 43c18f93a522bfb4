package app.collections.pipeline;

import app.collections.analyses.AnalysisDao;
import app.collections.analyses.NewAnalysis;
import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import app.collections.search.DocumentBuilder;
import app.collections.search.SearchDocument;
import app.collections.search.SearchIndexDao;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores an analysis as the item's newest and makes the item READY and findable. The analysis, its
 * BM25 document and the embedding job commit together: an item is never READY without being
 * searchable, and its embedding is as durable as its analysis was.
 */
public final class AnalysisRecorder {
  private final Jdbi jdbi;
  private final int maxAttempts;
  private final DocumentBuilder documents = new DocumentBuilder();

  public AnalysisRecorder(Jdbi jdbi, int maxAttempts) {
    this.jdbi = jdbi;
    this.maxAttempts = maxAttempts;
  }

  /** {@code jobId} (nullable) is the analysis job this completes. */
  public void record(Tenant tenant, NewAnalysis row, UUID jobId) {
    SearchDocument document = documents.build(row.raw());
    jdbi.useTransaction(h -> {
      h.attach(AnalysisDao.class).add(tenant, row);
      h.attach(SearchIndexDao.class).index(tenant, row.itemId(), row.id(), document);
      h.attach(ItemDao.class).updateStatus(tenant, row.itemId(), ItemStatus.READY, null);
      JobDao jobs = h.attach(JobDao.class);
      if (jobId != null) {
        jobs.complete(tenant, jobId);
      }
      jobs.enqueue(tenant, UUID.randomUUID(), row.itemId(), Job.EMBED, null, null, maxAttempts);
    });
  }
}
