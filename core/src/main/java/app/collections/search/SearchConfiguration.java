package app.collections.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Search tuning. The defaults are what docs/search-quality.md measured best on the labelled set;
 * the floors were calibrated there too (the no-results queries return nothing, the others keep
 * their expected items).
 */
public final class SearchConfiguration {
  /** BM25 term-frequency saturation. */
  @DecimalMin("0") private double k1 = 1.2;
  /** BM25 length normalisation. */
  @DecimalMin("0") @DecimalMax("1") private double b = 0.75;
  /**
   * BM25 relevance is the share of the query's IDF a hit matches (its rare words count most; words
   * the collection never saw count too). A query answers nothing unless its most relevant hit
   * reaches {@code bm25Floor}; then hits down to {@code bm25HitFloor} count. Calibrated on the
   * labelled analyses and on the from-pixels ones (docs/search-quality.md): the no-results queries
   * reach at most 0.46 and 0.48.
   */
  @DecimalMin("0") @DecimalMax("1") private double bm25Floor = 0.5;
  @DecimalMin("0") @DecimalMax("1") private double bm25HitFloor = 0.2;
  /**
   * The same for cosine similarity, an item's nearest passage (e5-small-v2, whose similarities sit
   * between 0.7 and 0.95; calibrated on the labelled set, docs/search-quality.md).
   */
  @DecimalMin("-1") @DecimalMax("1") private double vectorFloor = 0.825;
  @DecimalMin("-1") @DecimalMax("1") private double vectorHitFloor = 0.78;
  /** How deep an unfiltered BM25 query reads each term's postings (best first). */
  @Min(10) @Max(100_000) private int bm25Depth = 1000;
  /** Reciprocal rank fusion's k. */
  @Min(1) private int rrfK = 60;
  @DecimalMin("0") private double bm25Weight = 1.0;
  @DecimalMin("0") private double vectorWeight = 1.0;
  @NotNull private Fusion fusion = Fusion.RRF;
  /** Hits each mode contributes (and the most a search counts, pages through and facets). */
  @Min(10) @Max(1000) private int maxHits = 200;
  /** Vectors of a model from which a tenant gets its own HNSW index instead of exact scans. */
  @Min(1) private int hnswThreshold = 5000;
  @Min(10) @Max(1000) private int efSearch = 100;
  @Min(1) private int maxQueryLength = 500;

  /** How HYBRID combines its two rankings. */
  public enum Fusion {
    /** Σ weight / (k + rank): rank-based, robust to incomparable score scales. */
    RRF,
    /** Weighted sum of min-max-normalised scores. */
    CONVEX
  }

  @JsonProperty public double getK1() { return k1; }
  @JsonProperty public void setK1(double k1) { this.k1 = k1; }
  @JsonProperty public double getB() { return b; }
  @JsonProperty public void setB(double b) { this.b = b; }
  @JsonProperty public double getBm25Floor() { return bm25Floor; }
  @JsonProperty public void setBm25Floor(double bm25Floor) { this.bm25Floor = bm25Floor; }
  @JsonProperty public double getBm25HitFloor() { return bm25HitFloor; }
  @JsonProperty public void setBm25HitFloor(double bm25HitFloor) { this.bm25HitFloor = bm25HitFloor; }
  @JsonProperty public double getVectorHitFloor() { return vectorHitFloor; }
  @JsonProperty public void setVectorHitFloor(double vectorHitFloor) { this.vectorHitFloor = vectorHitFloor; }
  @JsonProperty public double getVectorFloor() { return vectorFloor; }
  @JsonProperty public void setVectorFloor(double vectorFloor) { this.vectorFloor = vectorFloor; }
  @JsonProperty public int getBm25Depth() { return bm25Depth; }
  @JsonProperty public void setBm25Depth(int bm25Depth) { this.bm25Depth = bm25Depth; }
  @JsonProperty public int getRrfK() { return rrfK; }
  @JsonProperty public void setRrfK(int rrfK) { this.rrfK = rrfK; }
  @JsonProperty public double getBm25Weight() { return bm25Weight; }
  @JsonProperty public void setBm25Weight(double bm25Weight) { this.bm25Weight = bm25Weight; }
  @JsonProperty public double getVectorWeight() { return vectorWeight; }
  @JsonProperty public void setVectorWeight(double vectorWeight) { this.vectorWeight = vectorWeight; }
  @JsonProperty public Fusion getFusion() { return fusion; }
  @JsonProperty public void setFusion(Fusion fusion) { this.fusion = fusion; }
  @JsonProperty public int getMaxHits() { return maxHits; }
  @JsonProperty public void setMaxHits(int maxHits) { this.maxHits = maxHits; }
  @JsonProperty public int getHnswThreshold() { return hnswThreshold; }
  @JsonProperty public void setHnswThreshold(int hnswThreshold) { this.hnswThreshold = hnswThreshold; }
  @JsonProperty public int getEfSearch() { return efSearch; }
  @JsonProperty public void setEfSearch(int efSearch) { this.efSearch = efSearch; }
  @JsonProperty public int getMaxQueryLength() { return maxQueryLength; }
  @JsonProperty public void setMaxQueryLength(int maxQueryLength) { this.maxQueryLength = maxQueryLength; }
}
