package app.collections.testing;

import app.collections.analyses.NewAnalysis;
import app.collections.items.NewItem;
import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test data: new items, and analyses taken from the prototype's golden set in ../shared/eval. */
public final class Fixtures {
  private static List<JsonNode> golden;

  private Fixtures() {}

  public static Path sharedDir() {
    return Path.of(System.getProperty("collections.sharedDir", "../../shared"));
  }

  public static NewItem newItem(String filename) {
    return new NewItem(UUID.randomUUID(), filename, "IMG_" + filename, "image/jpeg", 176_231L, 589, 1280, null, null);
  }

  /** The 55 human-reviewed analyses, in file order. */
  public static synchronized List<JsonNode> goldenAnalyses() {
    if (golden == null) {
      try {
        JsonNode root = Json.MAPPER.readTree(Files.readString(sharedDir().resolve("eval/golden_analyses.json")));
        List<JsonNode> all = new ArrayList<>();
        root.get("golden_analyses").forEach(all::add);
        golden = List.copyOf(all);
      } catch (IOException e) {
        throw new UncheckedIOException("../shared/eval/golden_analyses.json is needed by the tests", e);
      }
    }
    return golden;
  }

  /** A stored analysis built from a golden one, as a vision provider would have returned it. */
  public static NewAnalysis analysisOf(UUID itemId, JsonNode golden) {
    List<String> subcategories = new ArrayList<>();
    golden.path("subcategories").forEach(s -> subcategories.add(s.asText()));
    return new NewAnalysis(UUID.randomUUID(), itemId, "anthropic", "claude-sonnet-4-5",
        golden.path("category").asText(null), subcategories, golden.path("headline").asText(null),
        golden.path("summary").asText(null), golden, golden.toString(), 1500, 400, 2000);
  }
}
