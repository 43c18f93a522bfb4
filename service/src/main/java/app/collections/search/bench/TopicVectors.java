package app.collections.search.bench;

import app.collections.embeddings.Embedder;
import app.collections.search.DocumentBuilder;
import app.collections.search.SearchDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The bench items' vectors, shaped like e5 embeddings of a real collection (issue 15).
 *
 * <p>The topics are real e5-small-v2 embeddings of real analyses: the labelled set's 55 bodies and
 * gists. An item mixes two topics and moves inside the span of the topics' own differences
 * ({@link #DIRECTIONS} random ones), the directions in which real embeddings differ, not in all 384
 * dimensions. Why: the first bench drew its topics from embeddings of the synthetic analyses (bags of
 * words from one distribution, so nearly one point) and added isotropic noise of norm ~0.39 per item.
 * That made a blob of near-ties around every query: at 2,000 items, a query's 10th neighbour was
 * 1.05–1.07× as far as its 1st (local intrinsic dimension by MLE over 20 neighbours ~32–42), where
 * real e5 embeddings of real text measured 1.20–1.29× (dimension 11–18: the labelled set with its
 * queries, 2,000 Debian package descriptions with 3-word queries). HNSW recall@10 at 100k of the old
 * vectors was 0.39; this generator measured 1.17× (dimension 16.7) at 2,000 items
 * (docs/benchmarks.md, "Why recall was low").
 */
final class TopicVectors {
  /** Topic differences an item moves along: enough that no two items coincide. */
  static final int DIRECTIONS = 4;
  /** How far along them (per unit-variance step, divided by sqrt(DIRECTIONS)), calibrated as above. */
  static final double SPREAD = 1.0;
  /** The gist's move from the body, as a share of SPREAD: a second passage close to the first. */
  static final double GIST_SHARE = 0.3;

  private final float[][] topics;
  private final double[][] centred;
  private final Random random;

  private TopicVectors(float[][] topics, Random random) {
    this.topics = topics;
    this.random = random;
    int dimension = topics[0].length;
    double[] mean = new double[dimension];
    for (float[] t : topics) {
      for (int i = 0; i < dimension; i++) {
        mean[i] += t[i] / (double) topics.length;
      }
    }
    centred = new double[topics.length][dimension];
    for (int t = 0; t < topics.length; t++) {
      for (int i = 0; i < dimension; i++) {
        centred[t][i] = topics[t][i] - mean[i];
      }
    }
  }

  /** The labelled set's bodies and gists, embedded as the pipeline embeds passages. */
  static TopicVectors of(JsonNode golden, Embedder embedder, Random random) {
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

  int dimension() {
    return topics[0].length;
  }

  /** An item's two passages: its body, and its gist near it. */
  float[][] item() {
    float[] a = topics[random.nextInt(topics.length)];
    float[] b = topics[random.nextInt(topics.length)];
    double w = 0.5 + random.nextDouble() / 2;
    double[] body = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      body[i] = w * a[i] + (1 - w) * b[i];
    }
    move(body, SPREAD);
    normalise(body);
    double[] gist = body.clone();
    move(gist, SPREAD * GIST_SHARE);
    normalise(gist);
    return new float[][] {floats(body), floats(gist)};
  }

  private void move(double[] v, double spread) {
    double step = spread / Math.sqrt(DIRECTIONS);
    for (int d = 0; d < DIRECTIONS; d++) {
      double[] direction = centred[random.nextInt(centred.length)];
      double g = random.nextGaussian() * step;
      for (int i = 0; i < v.length; i++) {
        v[i] += g * direction[i];
      }
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
