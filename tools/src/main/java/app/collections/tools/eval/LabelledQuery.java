package app.collections.tools.eval;

import java.util.Map;

/**
 * A query of the retrieval set: the items it should find, each with a graded relevance (2 high,
 * 1 medium). No expected items means the collection holds nothing relevant.
 */
public record LabelledQuery(String id, String text, String type, Map<String, Integer> expected) {
  public boolean expectsNothing() {
    return expected.isEmpty();
  }
}
