package app.collections.analyses;

import app.collections.auth.Tenant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The viewer's analyses as the API reads them: one by id, and the newest or every version of many items at once. */
public final class AnalysisService {
  private final AnalysisDao analyses;

  public AnalysisService(AnalysisDao analyses) {
    this.analyses = analyses;
  }

  public Optional<Analysis> find(Tenant tenant, UUID id) {
    return analyses.find(tenant, id);
  }

  /** Each item's newest analysis (items without one are absent). */
  public List<Analysis> latestFor(Tenant tenant, Collection<UUID> itemIds) {
    return analyses.latestForItems(tenant, itemIds);
  }

  /** Every version of each item's analyses, each item's newest first. */
  public List<Analysis> historyFor(Tenant tenant, Collection<UUID> itemIds) {
    return analyses.historyForItems(tenant, itemIds);
  }
}
