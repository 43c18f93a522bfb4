package app.collections.prototype;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The validation of an import, read back from the database rather than from the run's counters (a
 * Lambda import is many runs): per kind, what the prototype had, what is here, and why the rest is
 * not; the raw analyses compared byte for byte; checksums; vectors; sample queries ranked by the
 * prototype's FTS5 and by the new BM25.
 */
public record ImportReport(
    String source,
    String user,
    Kind items,
    Map<UUID, String> skippedItems,
    Map<UUID, String> conflicts,
    Kind analyses,
    int rawIdentical,
    List<UUID> rawDifferent,
    int checksumsVerified,
    List<UUID> checksumsDifferent,
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

  /** Source rows, rows here, and source rows not here. */
  public record Kind(int source, int present, int notPresent) {}

  /** A sample query: the prototype's FTS5 top-5, the new BM25 top-5, and how many they share. */
  public record Sample(String query, List<UUID> prototypeTop, List<UUID> newTop, int overlap) {}

  /** Nothing was lost: every source row is here or has a reason, the bytes match, every analysed item has vectors. */
  public boolean ok() {
    return items.present() + skippedItems.size() == items.source() && conflicts.isEmpty()
        && rawDifferent.isEmpty() && checksumsDifferent.isEmpty() && itemsMissingVectors == 0
        && pendingQueued == pendingSource;
  }

  public double meanOverlap() {
    return samples.stream().mapToInt(Sample::overlap).average().orElse(Double.NaN);
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("Validation of ").append(source).append(" for user ").append(user).append('\n');
    out.append(String.format("  items      source %d, here %d, not imported %d%n", items.source(), items.present(),
        items.notPresent()));
    skippedItems.forEach((id, reason) -> out.append("    skipped ").append(id).append(": ").append(reason).append('\n'));
    conflicts.forEach((id, reason) -> out.append("    REFUSED ").append(id).append(": ").append(reason).append('\n'));
    out.append(String.format("  analyses   source %d, here %d, not imported %d (every version kept)%n",
        analyses.source(), analyses.present(), analyses.notPresent()));
    out.append(String.format("  raw JSON   %d identical byte for byte, %d different%n", rawIdentical, rawDifferent.size()));
    rawDifferent.forEach(id -> out.append("    different ").append(id).append('\n'));
    out.append(String.format("  images     %d sha256 verified against the manifest, %d different%n", checksumsVerified,
        checksumsDifferent.size()));
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
    out.append(ok() ? "OK: nothing was lost\n" : "NOT OK: see above\n");
    return out.toString();
  }
}
