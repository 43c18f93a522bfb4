package app.collections.pipeline;

import app.collections.analyses.NewAnalysis;
import app.collections.auth.Tenant;
import app.collections.images.RejectedImageException;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.lifecycle.Job;
import app.collections.logging.LogFields;
import app.collections.vision.VisionAnalyzer;
import app.collections.vision.VisionAnalyzers;
import app.collections.vision.VisionException;
import app.collections.vision.VisionProvider;
import app.collections.vision.VisionResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * ANALYZE: the item's preview (never the original: a provider takes the preview whole, whatever
 * the upload) to the vision provider of the job, and the analysis stored as a new version with its
 * document, the job done and the embedding queued, in one transaction ({@link AnalysisRecorder}).
 */
final class AnalyzeJob implements JobStep {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyzeJob.class);
  /** What a vision model is given: the preview, always a JPEG ({@link app.collections.images.Rendition#PREVIEW}). */
  private static final String PREVIEW_TYPE = "image/jpeg";

  private final ItemDao items;
  private final ItemLifecycle lifecycle;
  private final DeriveStep derive;
  private final VisionAnalyzers analyzers;
  private final AnalysisRecorder recorder;

  AnalyzeJob(ItemDao items, ItemLifecycle lifecycle, DeriveStep derive, VisionAnalyzers analyzers,
      AnalysisRecorder recorder) {
    this.items = items;
    this.lifecycle = lifecycle;
    this.derive = derive;
    this.analyzers = analyzers;
    this.recorder = recorder;
  }

  @Override
  public String kind() {
    return Job.ANALYZE;
  }

  @Override
  public String name() {
    return "analysis";
  }

  @Override
  public boolean run(Tenant tenant, Job job) throws StepFailure {
    Optional<Item> found = items.find(tenant, job.itemId());
    if (found.isEmpty()) {
      // Deleted while queued: nothing left to analyse.
      return false;
    }
    Item item = found.get();
    lifecycle.analysisStarted(tenant, item.id());
    try {
      VisionProvider provider = job.provider() == null ? analyzers.defaultProvider() : VisionProvider.ofId(job.provider());
      VisionAnalyzer analyzer = analyzers.get(provider)
          .orElseThrow(() -> new VisionException("The " + provider.id() + " provider is not configured", false, null));
      VisionResult result = analyzer.analyze(preview(tenant, item), PREVIEW_TYPE, job.model());
      recorder.record(tenant, row(item, result), job.id());
      LOG.info("Analysed item {} of tenant {} with {} {} in {} ms (attempt {})", item.id(), LogFields.tenantHash(tenant),
          result.provider().id(), result.model(), result.latencyMs(), job.attempts());
      return true;
    } catch (VisionException e) {
      throw new StepFailure(e.getMessage(), e.retryable(), e);
    }
  }

  private byte[] preview(Tenant tenant, Item item) throws VisionException {
    if (item.objectKey() == null) {
      throw new VisionException("The item has no stored image", false, null);
    }
    try {
      return derive.preview(tenant, item);
    } catch (NoSuchKeyException e) {
      throw new VisionException("The stored image is missing", false, e);
    } catch (RejectedImageException e) {
      throw new VisionException("The image could not be read: " + e.getMessage(), false, e);
    } catch (SdkException e) {
      throw new VisionException("The image store is unavailable", true, e);
    }
  }

  private static NewAnalysis row(Item item, VisionResult result) {
    JsonNode analysis = result.analysis();
    List<String> subcategories = new ArrayList<>();
    analysis.path("subcategories").forEach(s -> subcategories.add(s.asText()));
    return new NewAnalysis(UUID.randomUUID(), item.id(), result.provider().id(), result.model(),
        analysis.path("category").asText(null), subcategories, analysis.path("headline").asText(null),
        analysis.path("summary").asText(null), analysis, result.rawReply(), result.inputTokens(),
        result.outputTokens(), (int) result.latencyMs());
  }
}
