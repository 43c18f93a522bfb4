package app.collections.analyses;

import app.collections.auth.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

/**
 * Batches {@code Item.analysis} and {@code Item.analyses} over a page of items into one query
 * each, instead of one per item. Built per request, bound to that request's tenant.
 */
final class AnalysisDataLoaders {
  static final String LATEST = "latestAnalysisByItem";
  static final String HISTORY = "analysisHistoryByItem";

  private AnalysisDataLoaders() {}

  static void register(AnalysisService analyses, Tenant tenant, DataLoaderRegistry registry) {
    DataLoader<UUID, Analysis> latest = DataLoaderFactory.newMappedDataLoader((Set<UUID> itemIds) ->
        CompletableFuture.completedFuture(analyses.latestFor(tenant, itemIds).stream()
            .collect(Collectors.toMap(Analysis::itemId, a -> a))));
    DataLoader<UUID, List<Analysis>> history = DataLoaderFactory.newMappedDataLoader((Set<UUID> itemIds) -> {
      Map<UUID, List<Analysis>> byItem = new HashMap<>(analyses.historyFor(tenant, itemIds).stream()
          .collect(Collectors.groupingBy(Analysis::itemId)));
      itemIds.forEach(id -> byItem.putIfAbsent(id, List.of()));
      return CompletableFuture.completedFuture(byItem);
    });
    registry.register(LATEST, latest);
    registry.register(HISTORY, history);
  }
}
