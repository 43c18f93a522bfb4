package app.collections.tools.bench;

import app.collections.embeddings.Embedder;
import app.collections.search.DocumentBuilder;
import app.collections.search.SearchDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The bench items' vectors (issue 15): two topics mixed, plus isotropic noise, normalised.
 *
 * <p>The topics are real e5-small-v2 embeddings of real analyses: the labelled set's 55 bodies and
 * gists. The first bench drew its 256 topics from embeddings of synthetic analyses, which are bags
 * of words from one distribution and so embed to nearly one point: mixed with the noise below, every
 * item sat in one isotropic blob, and at 100k HNSW recall@10 was 0.39. Measured at 10,000 vectors,
 * m = 16, ef_construction = 64, recall@10 at ef_search 40 / 100 (docs/benchmarks.md, "Why recall was
 * low"): real e5 embeddings of 10,000 Debian package descriptions with 3-word queries 0.914 / 0.960;
 * these vectors with the labelled queries 0.820 / 0.937 (the noise keeps them harder than real text,
 * on purpose: a bench that errs should err slow); the same noise kept inside the topics' span instead
 * of all 384 dimensions 1.000 / 1.000, easier than real text, so not used.
 */
public final class TopicVectors {
  /** Per-dimension noise of an item's body (norm ~0.39 at 384 dimensions): no two items coincide. */
  static final double BODY_NOISE = 0.02;
  /** Per-dimension move of the gist from its body: the second passage, near the first. */
  static final double GIST_NOISE = 0.03;

  private final float[][] topics;
  private final Random random;

  private TopicVectors(float[][] topics, Random random) {
    this.topics = topics;
    this.random = random;
  }

  /** The labelled set's bodies and gists, embedded as the pipeline embeds passages. */
  public static TopicVectors of(JsonNode golden, Embedder embedder, Random random) {
    DocumentBuilder builder = new DocumentBuilder();
    List<String> texts = new ArrayList<>();
    for (JsonNode analysis : golden.path("golden_analyses")) {
      SearchDocument document = builder.build(analysis);
      texts.add(document.body());
      if (document.gist() != null && !document.gist().isBlank()) {
        texts.add(document.gist());
      }
    }
    return new TopicVectors(embedder.embedDocuments(texts).toArray(float[][]::new), random);
  }

  /** An item's two passages: its body, and its gist near it. */
  public float[][] item() {
    float[] a = topics[random.nextInt(topics.length)];
    float[] b = topics[random.nextInt(topics.length)];
    double w = 0.5 + random.nextDouble() / 2;
    double[] body = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      body[i] = w * a[i] + (1 - w) * b[i];
    }
    noise(body, BODY_NOISE);
    normalise(body);
    double[] gist = body.clone();
    noise(gist, GIST_NOISE);
    normalise(gist);
    return new float[][] {floats(body), floats(gist)};
  }

  private void noise(double[] v, double sigma) {
    for (int i = 0; i < v.length; i++) {
      v[i] += random.nextGaussian() * sigma;
    }
  }

  private static void normalise(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    double length = Math.sqrt(norm);
    for (int i = 0; i < v.length; i++) {
      v[i] /= length;
    }
  }

  private static float[] floats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
