package app.collections.search;

import app.collections.items.Item;
import java.util.List;

/** {@code search(answer: true)}'s answer: written from the hits, citing some of them. */
public record SearchAnswer(String text, List<Item> citedItems, Double confidence, double latencyMs) {
  public SearchAnswer {
    citedItems = List.copyOf(citedItems);
  }
}
