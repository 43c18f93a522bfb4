package app.collections.analyses;

import app.collections.auth.Tenant;
import app.collections.paging.GlobalId;
import app.collections.graphql.GraphqlFeature;
import app.collections.graphql.JsonFieldFetcher;
import app.collections.items.Item;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

/** The {@code Analysis} type, and the analysis fields of {@code Item}. */
public final class AnalysisDataFetchers implements GraphqlFeature {
  public static final String TYPE = "Analysis";

  private final AnalysisService analyses;

  public AnalysisDataFetchers(AnalysisService analyses) {
    this.analyses = analyses;
  }

  @Override
  public void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Item", t -> t
        .dataFetcher("analysis", env -> {
          DataLoader<UUID, Analysis> loader = env.getDataLoader(AnalysisDataLoaders.LATEST);
          return loader.load(env.<Item>getSource().id());
        })
        .dataFetcher("analyses", env -> {
          DataLoader<UUID, List<Analysis>> loader = env.getDataLoader(AnalysisDataLoaders.HISTORY);
          CompletableFuture<List<Analysis>> history = loader.load(env.<Item>getSource().id());
          return history;
        }));
    wiring.type(TYPE, t -> t
        .dataFetcher("id", env -> GlobalId.encode(TYPE, env.<Analysis>getSource().id()))
        .dataFetcher("imageDetails", env -> objectAt(env.<Analysis>getSource(), "image_details"))
        .dataFetcher("mediaMetadata", env -> objectAt(env.<Analysis>getSource(), "media_metadata")));
    wiring.type("ImageDetails", t -> t.defaultDataFetcher(JsonFieldFetcher.INSTANCE));
    wiring.type("MediaMetadata", t -> t.defaultDataFetcher(JsonFieldFetcher.INSTANCE));
  }

  @Override
  public void registerLoaders(Tenant tenant, DataLoaderRegistry registry) {
    AnalysisDataLoaders.register(analyses, tenant, registry);
  }

  @Override
  public Map<String, BiFunction<Tenant, UUID, Object>> nodeLookups() {
    return Map.of(TYPE, (tenant, id) -> analyses.find(tenant, id).orElse(null));
  }

  private static Object objectAt(Analysis analysis, String field) {
    var node = analysis.raw().get(field);
    return node != null && node.isObject() ? node : null;
  }
}
