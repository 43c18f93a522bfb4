package app.collections.pipeline;

import static app.collections.graphql.RequestContext.tenant;

import app.collections.auth.Tenant;
import app.collections.graphql.ApiException;
import app.collections.graphql.ErrorCode;
import app.collections.graphql.GlobalId;
import app.collections.graphql.GraphqlFeature;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.items.ItemDataFetchers;
import app.collections.items.ItemStatus;
import app.collections.vision.VisionAnalyzers;
import app.collections.vision.VisionProvider;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import java.util.UUID;

/** {@code analyzeItem} and {@code retryItem}: queue analysis work for an item. */
public final class PipelineDataFetchers implements GraphqlFeature {
  private static final int MAX_MODEL_LENGTH = 100;

  private final AnalysisPipeline pipeline;
  private final ItemDao items;
  private final JobDao jobs;
  private final VisionAnalyzers analyzers;
  private final JobListener jobQueued;

  public PipelineDataFetchers(AnalysisPipeline pipeline, ItemDao items, JobDao jobs, VisionAnalyzers analyzers,
      JobListener jobQueued) {
    this.pipeline = pipeline;
    this.items = items;
    this.jobs = jobs;
    this.analyzers = analyzers;
    this.jobQueued = jobQueued;
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
    Item item = item(tenant, (String) input.get("itemId"));
    String providerName = (String) input.get("provider");
    VisionProvider provider = providerName == null ? null : VisionProvider.valueOf(providerName);
    String model = (String) input.get("model");
    if (model != null && (model.isBlank() || model.length() > MAX_MODEL_LENGTH || !model.matches("[\\w.:/-]+"))) {
      throw ApiException.badInput("model must be a model name such as claude-sonnet-4-5 or gpt-4o");
    }
    if (analyzers.get(provider).isEmpty()) {
      throw new ApiException(ErrorCode.PROVIDER_NOT_CONFIGURED,
          "The " + provider.id() + " provider is not configured on this server");
    }
    boolean queued = pipeline.enqueue(tenant, item.id(), provider, model);
    if (queued) {
      items.updateStatus(tenant, item.id(), ItemStatus.PENDING, null);
      jobQueued.jobQueued(tenant, item.id());
    }
    return Map.of("item", items.find(tenant, item.id()).orElseThrow(), "queued", queued);
  }

  private Map<String, Object> retryItem(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    Tenant tenant = tenant(env);
    Item item = item(tenant, (String) input.get("itemId"));
    if (item.status() != ItemStatus.FAILED) {
      throw ApiException.badInput("Only a FAILED item can be retried; this one is " + item.status());
    }
    // Same provider and model as the attempt that failed.
    Job last = jobs.latestForItem(tenant, item.id()).orElse(null);
    VisionProvider provider = last == null || last.provider() == null ? null : VisionProvider.ofId(last.provider());
    if (pipeline.enqueue(tenant, item.id(), provider, last == null ? null : last.model())) {
      items.updateStatus(tenant, item.id(), ItemStatus.PENDING, null);
      jobQueued.jobQueued(tenant, item.id());
    }
    return Map.of("item", items.find(tenant, item.id()).orElseThrow());
  }

  private Item item(Tenant tenant, String globalId) {
    UUID id = GlobalId.decode(globalId, ItemDataFetchers.TYPE);
    return items.find(tenant, id).orElseThrow(() -> ApiException.notFound("No item with id " + globalId));
  }
}
