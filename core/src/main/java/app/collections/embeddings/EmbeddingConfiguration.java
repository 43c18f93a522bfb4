package app.collections.embeddings;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/**
 * Which model embeds: VoyageAI when its key is set, else e5-small-v2 (ONNX, in process, 384 dimensions)
 * in process, so search works offline.
 */
public final class EmbeddingConfiguration {
  private String voyageApiKey;
  private String voyageModel = "voyage-3.5-lite";
  private int voyageDimension = 1024;
  private String voyageBaseUrl;
  @Min(1) private int queryCacheSize = 1000;

  @JsonProperty public String getVoyageApiKey() { return voyageApiKey; }
  @JsonProperty public void setVoyageApiKey(String voyageApiKey) { this.voyageApiKey = voyageApiKey; }
  @JsonProperty public String getVoyageModel() { return voyageModel; }
  @JsonProperty public void setVoyageModel(String voyageModel) { this.voyageModel = voyageModel; }
  @JsonProperty public int getVoyageDimension() { return voyageDimension; }
  @JsonProperty public void setVoyageDimension(int voyageDimension) { this.voyageDimension = voyageDimension; }
  @JsonProperty public String getVoyageBaseUrl() { return voyageBaseUrl; }
  @JsonProperty public void setVoyageBaseUrl(String voyageBaseUrl) { this.voyageBaseUrl = voyageBaseUrl; }
  @JsonProperty public int getQueryCacheSize() { return queryCacheSize; }
  @JsonProperty public void setQueryCacheSize(int queryCacheSize) { this.queryCacheSize = queryCacheSize; }

  public boolean voyageConfigured() {
    return voyageApiKey != null && !voyageApiKey.isBlank();
  }
}
