package app.collections.embeddings;

/** Arithmetic on embeddings outside the database (where pgvector's operators do it). */
public final class Vectors {
  private Vectors() {}

  /** Cosine similarity, as pgvector's {@code 1 - (a <=> b)}. */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
