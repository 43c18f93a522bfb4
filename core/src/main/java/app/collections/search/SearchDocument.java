package app.collections.search;

import java.util.List;

/**
 * What an item contributes to search: weighted fields for BM25 (BM25F: a field's weight multiplies
 * its term frequencies before saturation), and for the embedding model the whole body and its gist
 * (headline and summary), each embedded as a passage of its own.
 */
public record SearchDocument(List<Field> fields, String body, String gist) {
  public record Field(String name, String text, double weight) {}

  public SearchDocument {
    fields = List.copyOf(fields);
  }

  public String[] texts() {
    return fields.stream().map(Field::text).toArray(String[]::new);
  }

  public double[] weights() {
    return fields.stream().mapToDouble(Field::weight).toArray();
  }
}
