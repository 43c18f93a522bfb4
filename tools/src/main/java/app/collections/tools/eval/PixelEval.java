package app.collections.tools.eval;

import app.collections.analyses.Analysis;
import app.collections.auth.Tenant;
import app.collections.json.Json;
import app.collections.storage.ImageStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Search quality from pixels: the images analysed by the real pipeline (the configured analyser,
 * then the embedding) into a throwaway tenant, the labelled queries run on what it made, and the
 * analyses compared with the labelled ones ({@link AnalysisQuality}).
 */
public final class PixelEval {

  private final SearchEval eval;
  private final ImageStore images;

  public PixelEval(SearchEval eval, ImageStore images) {
    this.eval = eval;
    this.images = images;
  }

  /** The search metrics, the analyses' quality (null without labelled analyses) and the time per image. */
  public record Result(EvalReport search, AnalysisQuality analyses, double meanSecondsPerImage,
      double p95SecondsPerImage, Map<String, String> headlines) {

    public String text(String embeddingModel) {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%d images analysed from pixels, %.2f s per image (p95 %.2f s),"
          + " embedding model %s%n%n", search.documents(), meanSecondsPerImage, p95SecondsPerImage, embeddingModel));
      out.append(search.table()).append('\n');
      if (analyses != null) {
        out.append(analyses.table()).append('\n');
        analyses.misses().forEach(m -> out.append(String.format(Locale.ROOT, "  %s  %.2f  %s -> %s  %s%n",
            m.itemId(), m.overlap(), m.labelledCategory(), m.category(), m.headline())));
      }
      return out.toString();
    }
  }

  public Result run(Path imageFolder, Path labelledAnalyses, Path queries) throws IOException {
    List<LabelledQuery> labelled = SearchEval.readQueries(queries);
    SearchEval.Collection collection = new SearchEval.Collection(new Tenant("eval-" + UUID.randomUUID()),
        new LinkedHashMap<>());
    try {
      List<Double> seconds = eval.loadImages(collection, imageFolder, images, null);
      EvalReport report = eval.evaluate(collection, labelled, SearchEval.MODES);
      Map<String, Analysis> made = eval.analyses(collection);
      AnalysisQuality quality = labelledAnalyses == null ? null : AnalysisQuality.of(made, golden(labelledAnalyses));
      Map<String, String> headlines = new LinkedHashMap<>();
      made.forEach((id, a) -> headlines.put(id, a.headline()));
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return new Result(report, quality, seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0),
          EvalReport.percentile(sorted, 0.95), headlines);
    } finally {
      eval.dropImages(collection, images);
      eval.drop(collection);
    }
  }

  private static Map<String, JsonNode> golden(Path file) throws IOException {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    Json.MAPPER.readTree(file.toFile()).path("golden_analyses").forEach(g -> byId.put(g.path("item_id").asText(), g));
    return byId;
  }
}
