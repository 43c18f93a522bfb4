package app.collections.prototype;

import app.collections.auth.Tenant;
import app.collections.indexing.Reindexer;
import app.collections.images.ImageInspector;
import app.collections.items.Item;
import app.collections.items.ItemDao;
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
    Map<UUID, UUID> merged = new LinkedHashMap<>();
    Map<UUID, String> missing = new LinkedHashMap<>();
    for (PrototypeData.Item item : data.items()) {
      if (stored.containsKey(item.id())) {
        continue;
      }
      UUID twin = twin(data, tenant, item);
      if (twin != null) {
        merged.put(item.id(), twin);
      } else if (!run.conflicts().containsKey(item.id())) {
        missing.put(item.id(), run.skipped().getOrDefault(item.id(), "not imported yet: run the import again"));
      }
    }

    List<UUID> analysisIds = new ArrayList<>();
    data.items().forEach(i -> data.analysesOf(i.id()).forEach(a -> analysisIds.add(a.id())));
    Map<UUID, String> storedRaw = new HashMap<>();
    dao.storedAnalyses(tenant, analysisIds).forEach(a -> storedRaw.put(a.id(), a.rawReply()));
    int sourceAnalyses = 0;
    int presentAnalyses = 0;
    int identical = 0;
    List<UUID> different = new ArrayList<>();
    Map<UUID, String> missingAnalyses = new LinkedHashMap<>();
    int analysed = 0;
    int pendingSource = 0;
    int pendingQueued = 0;
    int verified = 0;
    List<UUID> computedHere = new ArrayList<>();
    List<UUID> checksumsDifferent = new ArrayList<>();
    for (PrototypeData.Item item : data.items()) {
      List<PrototypeData.Analysis> versions = data.analysesOf(item.id());
      sourceAnalyses += versions.size();
      for (PrototypeData.Analysis a : versions) {
        if (storedRaw.containsKey(a.id())) {
          presentAnalyses++;
          if (Objects.equals(storedRaw.get(a.id()), a.rawResponse())) {
            identical++;
          } else {
            different.add(a.id());
          }
        } else {
          missingAnalyses.put(a.id(), missingAnalysisReason(a, stored.containsKey(item.id()), run));
        }
      }
      ImportDao.StoredItem here = stored.get(item.id());
      if (here == null) {
        continue;
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
      String expected = data.manifest().entry(fileName(item)).map(PrototypeManifest.Entry::sha256).orElse(null);
      boolean ok = bytes != null && Arrays.equals(ImageInspector.sha256(bytes), here.sha256())
          && (expected == null || expected.equalsIgnoreCase(HexFormat.of().formatHex(here.sha256())));
      if (!ok) {
        checksumsDifferent.add(item.id());
      } else if (expected == null) {
        computedHere.add(item.id());
      } else {
        verified++;
      }
    }
    Set<String> itemFiles = new HashSet<>();
    data.items().forEach(i -> itemFiles.add(fileName(i)));
    List<String> others = data.manifest().all().stream().map(PrototypeManifest.Entry::filename)
        .filter(f -> !itemFiles.contains(f)).sorted().toList();
    List<ImportReport.Sample> samples = data.hasFullTextIndex()
        ? samples(data, tenant, queries.isEmpty() ? sampleQueries(data, stored.keySet()) : queries)
        : List.of();
    int present = stored.size() + merged.size();
    return new ImportReport(data.folder().describe() + " (" + data.source() + ")", tenant.id(),
        new ImportReport.Kind(sourceIds.size(), present, sourceIds.size() - present), merged, missing, run.conflicts(),
        new ImportReport.Kind(sourceAnalyses, presentAnalyses, sourceAnalyses - presentAnalyses), missingAnalyses,
        identical, different, verified, computedHere, checksumsDifferent, others, analysed,
        reindexer.countMissing(tenant), reindexer.model(), pendingSource, pendingQueued, data.chatSessions(), samples);
  }

  /** The item of the tenant's with the same image as this source item's, when it is another item. */
  private UUID twin(PrototypeData data, Tenant tenant, PrototypeData.Item item) {
    byte[] sha = data.manifest().entry(fileName(item)).map(e -> HexFormat.of().parseHex(e.sha256()))
        .or(() -> data.folder().read(item.imagePath()).map(ImageInspector::sha256)).orElse(null);
    if (sha == null) {
      return null;
    }
    return jdbi.onDemand(ItemDao.class).findBySha256(tenant, sha).map(Item::id).filter(id -> !id.equals(item.id()))
        .orElse(null);
  }

  private static String missingAnalysisReason(PrototypeData.Analysis a, boolean itemHere, PrototypeImporter.Run run) {
    if (!itemHere && run.conflicts().containsKey(a.itemId())) {
      return "its item " + a.itemId() + " was refused";
    }
    if (!itemHere) {
      return "its item was not imported: " + a.itemId();
    }
    return run.conflicts().containsKey(a.itemId()) ? "refused: see REFUSED " + a.itemId()
        : "not imported yet: run the import again";
  }

  private static String fileName(PrototypeData.Item item) {
    return item.imagePath().substring("images/".length());
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
