package app.collections.pipeline;

import app.collections.lifecycle.ItemLifecycle;
import app.collections.lifecycle.Job;
import app.collections.lifecycle.JobDao;

import app.collections.auth.Tenant;
import app.collections.errors.DomainException;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import app.collections.vision.VisionAnalyzers;
import app.collections.vision.VisionProvider;
import java.util.regex.Pattern;

/** What a client may ask of the pipeline for one of its items: analyse it again, or retry a failure. */
public final class AnalysisRequests {
  /** Stops a model name from being stored (and sent to a provider) at any length. */
  private static final int MAX_MODEL_LENGTH = 100;
  private static final Pattern MODEL_NAME = Pattern.compile("[\\w.:/-]+");

  private final ItemDao items;
  private final JobDao jobs;
  private final VisionAnalyzers analyzers;
  private final ItemLifecycle lifecycle;

  public AnalysisRequests(ItemDao items, JobDao jobs, VisionAnalyzers analyzers, ItemLifecycle lifecycle) {
    this.items = items;
    this.jobs = jobs;
    this.analyzers = analyzers;
    this.lifecycle = lifecycle;
  }

  /** The item as it is now, and whether a new analysis was queued (false: one already is). */
  public record Queued(Item item, boolean queued) {}

  /** A new analysis version by this provider and model (null: the defaults). */
  public Queued analyze(Tenant tenant, Item item, VisionProvider provider, String model) {
    if (model != null && (model.isBlank() || model.length() > MAX_MODEL_LENGTH || !MODEL_NAME.matcher(model).matches())) {
      throw DomainException.invalidInput("model must be a model name such as claude-sonnet-4-5 or gpt-4o");
    }
    if (analyzers.get(provider).isEmpty()) {
      throw DomainException.providerNotConfigured("The " + provider.id() + " provider is not configured on this server");
    }
    boolean queued = lifecycle.queueAnalysis(tenant, item.id(), provider, model);
    return new Queued(items.find(tenant, item.id()).orElseThrow(), queued);
  }

  /** A FAILED item's analysis again, with the provider and model of the attempt that failed. */
  public Item retry(Tenant tenant, Item item) {
    if (item.status() != ItemStatus.FAILED) {
      throw DomainException.invalidInput("Only a FAILED item can be retried; this one is " + item.status());
    }
    Job last = jobs.latestForItem(tenant, item.id()).orElse(null);
    VisionProvider provider = last == null || last.provider() == null ? null : VisionProvider.ofId(last.provider());
    lifecycle.queueAnalysis(tenant, item.id(), provider, last == null ? null : last.model());
    return items.find(tenant, item.id()).orElseThrow();
  }
}
