package app.collections.pipeline;

import static app.collections.graphql.RequestContext.tenant;

import app.collections.auth.Tenant;
import app.collections.paging.GlobalId;
import app.collections.graphql.GraphqlFeature;
import app.collections.items.ItemDataFetchers;
import app.collections.vision.VisionProvider;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;

/** {@code analyzeItem} and {@code retryItem}: queue analysis work for an item ({@link AnalysisRequests}). */
public final class PipelineDataFetchers implements GraphqlFeature {
  private final AnalysisRequests requests;

  public PipelineDataFetchers(AnalysisRequests requests) {
    this.requests = requests;
  }

  @Override
  public void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Mutation", t -> t
        .dataFetcher("analyzeItem", this::analyzeItem)
        .dataFetcher("retryItem", this::retryItem));
  }

  private Map<String, Object> analyzeItem(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    Tenant tenant = tenant(env);
    String providerName = (String) input.get("provider");
    AnalysisRequests.Queued queued = requests.analyze(tenant, GlobalId.decode((String) input.get("itemId"), ItemDataFetchers.TYPE),
        providerName == null ? null : VisionProvider.valueOf(providerName), (String) input.get("model"));
    return Map.of("item", queued.item(), "queued", queued.queued());
  }

  private Map<String, Object> retryItem(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    Tenant tenant = tenant(env);
    return Map.of("item", requests.retry(tenant, GlobalId.decode((String) input.get("itemId"), ItemDataFetchers.TYPE)));
  }
}
