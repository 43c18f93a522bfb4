package app.collections.prototype;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The validation of an import, read back from the database rather than from the run's counters (a
 * Lambda import is many runs): per kind, what the prototype had, what is here, and why the rest is
 * not; the raw analyses compared byte for byte; checksums; vectors; sample queries ranked by the
 * prototype's FTS5 and by the new BM25. {@link #ok()} holds only when the user has everything the
 * source had: a run that brought nothing is never OK.
 */
public record ImportReport(
    String source,
    String user,
    Kind items,
    Map<UUID, UUID> mergedItems,
    Map<UUID, String> missingItems,
    Map<UUID, String> conflicts,
    Kind analyses,
    Map<UUID, String> missingAnalyses,
    int rawIdentical,
    List<UUID> rawDifferent,
    int checksumsVerified,
    List<UUID> checksumsComputedHere,
    List<UUID> checksumsDifferent,
    List<String> manifestOthers,
    int analysedItems,
    long itemsMissingVectors,
    String embeddingModel,
    int pendingSource,
    int pendingQueued,
    Integer chatSessions,
    List<Sample> samples) {

  /** Why chat history stays behind. */
  public static final String CHAT_REASON = "not migrated: the new system forgets a chat session 4 h after its"
      + " last message, by design, so a prototype session would expire on arrival";
  /** Names of the manifest's other files shown in the report; the rest are counted. */
  static final int OTHERS_SHOWN = 5;

  /** Source rows, rows here (merged duplicates count as here), and source rows not here. */
  public record Kind(int source, int present, int notPresent) {}

  /** A sample query: the prototype's FTS5 top-5, the new BM25 top-5, and how many they share. */
  public record Sample(String query, List<UUID> prototypeTop, List<UUID> newTop, int overlap) {}

  /** Every item, analysis version and image of a non-empty source is here, byte for byte, embedded or queued. */
  public boolean ok() {
    return problems().isEmpty();
  }

  /** What is missing or wrong, one phrase each with its count and why; empty when {@link #ok()}. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (items.source() == 0) {
      problems.add("the source has no items, so nothing was imported (is it the prototype's data folder?)");
    }
    if (items.notPresent() > 0) {
      problems.add(items.notPresent() + " of " + items.source() + " item(s) not here (" + reasons(missingItems) + ")");
    }
    if (!conflicts.isEmpty()) {
      problems.add(conflicts.size() + " item(s) refused: their ids belong to another user or collide with analyses made"
          + " here");
    }
    if (analyses.notPresent() > 0) {
      problems.add(analyses.notPresent() + " of " + analyses.source() + " analysis version(s) not here ("
          + reasons(missingAnalyses) + ")");
    }
    if (!rawDifferent.isEmpty()) {
      problems.add(rawDifferent.size() + " analysis version(s) whose raw reply differs from the source's");
    }
    if (!checksumsDifferent.isEmpty()) {
      problems.add(checksumsDifferent.size() + " image(s) whose stored bytes do not match their sha256");
    }
    if (itemsMissingVectors > 0) {
      problems.add(itemsMissingVectors + " analysed item(s) without vectors of " + embeddingModel
          + " (run the import again, or reindex)");
    }
    if (pendingQueued < pendingSource) {
      problems.add((pendingSource - pendingQueued) + " item(s) without analysis neither analysed nor queued");
    }
    return problems;
  }

  /** "image missing: 2, checksum mismatch: 1": the reasons' kinds (their text before the colon), counted. */
  private static String reasons(Map<UUID, String> why) {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    why.values().forEach(reason -> kinds.merge(reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason,
        1, Integer::sum));
    List<String> parts = new ArrayList<>();
    kinds.forEach((kind, n) -> parts.add(kind + ": " + n));
    return String.join(", ", parts);
  }

  public double meanOverlap() {
    return samples.stream().mapToInt(Sample::overlap).average().orElse(Double.NaN);
  }

  /** The last line: OK with what is here, or NOT OK with what is missing and why. */
  public String verdict() {
    if (ok()) {
      return String.format("OK: nothing was lost: all %d item(s)%s, %d analysis version(s) and their images are here",
          items.source(), mergedItems.isEmpty() ? "" : " (" + mergedItems.size() + " merged into the item of the same image)",
          analyses.source());
    }
    return "NOT OK: " + String.join("; ", problems());
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("Validation of ").append(source).append(" for user ").append(user).append('\n');
    out.append(String.format("  items      source %d, here %d, not imported %d%n", items.source(), items.present(),
        items.notPresent()));
    mergedItems.forEach((id, twin) -> out.append("    merged ").append(id).append(" into ").append(twin)
        .append(": the same image (one item per image, as for an upload; its analyses are kept under it)\n"));
    missingItems.forEach((id, reason) -> out.append("    skipped ").append(id).append(": ").append(reason).append('\n'));
    conflicts.forEach((id, reason) -> out.append("    REFUSED ").append(id).append(": ").append(reason).append('\n'));
    out.append(String.format("  analyses   source %d, here %d, not imported %d (every version kept)%n",
        analyses.source(), analyses.present(), analyses.notPresent()));
    missingAnalyses.forEach((id, reason) -> out.append("    missing ").append(id).append(": ").append(reason).append('\n'));
    out.append(String.format("  raw JSON   %d identical byte for byte, %d different%n", rawIdentical, rawDifferent.size()));
    rawDifferent.forEach(id -> out.append("    different ").append(id).append('\n'));
    out.append(String.format("  images     %d sha256 verified against the manifest, %d not in the manifest (sha256"
        + " computed here), %d different%n", checksumsVerified, checksumsComputedHere.size(), checksumsDifferent.size()));
    checksumsComputedHere.forEach(id -> out.append("    not in the manifest ").append(id).append('\n'));
    checksumsDifferent.forEach(id -> out.append("    different ").append(id).append('\n'));
    if (!manifestOthers.isEmpty()) {
      out.append(String.format("  manifest   %d file(s) listed that no item refers to, not imported: %s%n",
          manifestOthers.size(), String.join(", ", manifestOthers.subList(0, Math.min(OTHERS_SHOWN, manifestOthers.size())))
              + (manifestOthers.size() > OTHERS_SHOWN ? ", ..." : "")));
    }
    out.append(String.format("  vectors    %d analysed item(s), %d without vectors of %s%n", analysedItems,
        itemsMissingVectors, embeddingModel));
    out.append(String.format("  pending    %d item(s) without analysis, %d PENDING and queued for analysis%n",
        pendingSource, pendingQueued));
    out.append("  chat       ").append(chatSessions == null ? "no conversations.db" : chatSessions + " session(s) "
        + CHAT_REASON).append('\n');
    if (samples.isEmpty()) {
      out.append("  queries    no FTS5 index to compare with (read from the JSON export)\n");
    } else {
      out.append(String.format("  queries    prototype FTS5 bm25 top-5 vs new BM25 top-5, mean overlap %.2f of 5%n",
          meanOverlap()));
      for (Sample s : samples) {
        out.append(String.format("    %d/5  %s%n", s.overlap(), s.query()));
      }
    }
    out.append(verdict()).append('\n');
    return out.toString();
  }
}
