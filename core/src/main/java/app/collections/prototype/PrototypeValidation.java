package app.collections.prototype;

import app.collections.auth.Tenant;
import app.collections.indexing.Reindexer;
import app.collections.images.ImageInspector;
import app.collections.items.ItemStatus;
import app.collections.search.RankedItem;
import app.collections.search.SearchMode;
import app.collections.search.SearchService;
import app.collections.storage.ImageStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads an imported collection back and compares it with its prototype source (see {@link ImportReport}). */
public final class PrototypeValidation {
  /** Sample queries made from the collection when none are given: enough to see the rankings agree. */
  static final int SAMPLE_QUERIES = 10;
  /** A sample query is the first words of an item's headline: a short keyword query, as people type. */
  static final int SAMPLE_QUERY_WORDS = 4;
  static final int TOP = 5;

  private final Jdbi jdbi;
  private final ImageStore images;
  private final SearchService search;
  private final Reindexer reindexer;

  public PrototypeValidation(Jdbi jdbi, ImageStore images, SearchService search, Reindexer reindexer) {
    this.jdbi = jdbi;
    this.images = images;
    this.search = search;
    this.reindexer = reindexer;
  }

  /**
   * {@code run} is the last import run over the whole data (it names why absent items are absent);
   * {@code queries} are the sample queries, or empty to make them from the collection's headlines.
   */
  public ImportReport validate(PrototypeData data, Tenant tenant, PrototypeImporter.Run run, List<String> queries) {
    ImportDao dao = jdbi.onDemand(ImportDao.class);
    List<UUID> sourceIds = data.items().stream().map(PrototypeData.Item::id).toList();
    Map<UUID, ImportDao.StoredItem> stored = new HashMap<>();
    dao.storedItems(tenant, sourceIds).forEach(i -> stored.put(i.id(), i));
    Map<UUID, String> skipped = new LinkedHashMap<>();
    for (PrototypeData.Item item : data.items()) {
      if (!stored.containsKey(item.id()) && !run.conflicts().containsKey(item.id())) {
        skipped.put(item.id(), run.skipped().getOrDefault(item.id(), "not imported yet: run the import again"));
      }
    }

    Map<UUID, String> storedRaw = new HashMap<>();
    dao.storedAnalyses(tenant, sourceIds).forEach(a -> storedRaw.put(a.id(), a.rawReply()));
    int sourceAnalyses = 0;
    int presentAnalyses = 0;
    int identical = 0;
    List<UUID> different = new ArrayList<>();
    int analysed = 0;
    int pendingSource = 0;
    int pendingQueued = 0;
    int verified = 0;
    List<UUID> checksumsDifferent = new ArrayList<>();
    for (PrototypeData.Item item : data.items()) {
      List<PrototypeData.Analysis> versions = data.analysesOf(item.id());
      sourceAnalyses += versions.size();
      ImportDao.StoredItem here = stored.get(item.id());
      if (here == null) {
        continue;
      }
      for (PrototypeData.Analysis a : versions) {
        if (storedRaw.containsKey(a.id())) {
          presentAnalyses++;
          if (Objects.equals(storedRaw.get(a.id()), a.rawResponse())) {
            identical++;
          } else {
            different.add(a.id());
          }
        }
      }
      if (versions.isEmpty()) {
        pendingSource++;
        // Queued, or analysed here since: either way not forgotten.
        if (here.queued() || here.status() != ItemStatus.PENDING) {
          pendingQueued++;
        }
      } else {
        analysed++;
      }
      // The bytes in the bucket, read back, against the recorded and the manifest's sha256.
      byte[] bytes = here.objectKey() == null || !images.exists(here.objectKey()) ? null : images.read(here.objectKey());
      String expected = data.manifest(item.imagePath().substring("images/".length()))
          .map(PrototypeData.ManifestEntry::sha256).orElse(null);
      boolean ok = bytes != null && Arrays.equals(ImageInspector.sha256(bytes), here.sha256())
          && (expected == null || expected.equalsIgnoreCase(HexFormat.of().formatHex(here.sha256())));
      if (ok) {
        verified++;
      } else {
        checksumsDifferent.add(item.id());
      }
    }
    List<ImportReport.Sample> samples = data.hasFullTextIndex()
        ? samples(data, tenant, queries.isEmpty() ? sampleQueries(data, stored.keySet()) : queries)
        : List.of();
    return new ImportReport(data.folder().describe() + " (" + data.source() + ")", tenant.id(),
        new ImportReport.Kind(sourceIds.size(), stored.size(), sourceIds.size() - stored.size()),
        skipped, run.conflicts(),
        new ImportReport.Kind(sourceAnalyses, presentAnalyses, sourceAnalyses - presentAnalyses),
        identical, different, verified, checksumsDifferent, analysed, reindexer.countMissing(tenant),
        reindexer.model(), pendingSource, pendingQueued, data.chatSessions(), samples);
  }

  private List<ImportReport.Sample> samples(PrototypeData data, Tenant tenant, List<String> queries) {
    List<ImportReport.Sample> samples = new ArrayList<>();
    for (String query : queries) {
      List<UUID> prototype = data.fullTextTop(query, TOP);
      List<UUID> here = search.rank(tenant, query, SearchMode.BM25, null, null).stream().limit(TOP)
          .map(RankedItem::itemId).toList();
      Set<UUID> shared = new HashSet<>(prototype);
      shared.retainAll(here);
      samples.add(new ImportReport.Sample(query, prototype, here, shared.size()));
    }
    return samples;
  }

  /** The first words of the latest headline of items spread over the collection. */
  static List<String> sampleQueries(PrototypeData data, Set<UUID> imported) {
    List<String> headlines = new ArrayList<>();
    for (PrototypeData.Item item : data.items()) {
      List<PrototypeData.Analysis> versions = data.analysesOf(item.id());
      if (imported.contains(item.id()) && !versions.isEmpty()) {
        String headline = PrototypeImporter.row(versions.getLast()).headline();
        if (headline != null && !headline.isBlank()) {
          String[] words = headline.strip().split("\\s+");
          headlines.add(String.join(" ", Arrays.copyOf(words, Math.min(SAMPLE_QUERY_WORDS, words.length))));
        }
      }
    }
    List<String> queries = new ArrayList<>();
    int step = Math.max(1, headlines.size() / SAMPLE_QUERIES);
    for (int i = 0; i < headlines.size() && queries.size() < SAMPLE_QUERIES; i += step) {
      queries.add(headlines.get(i));
    }
    return queries;
  }
}
