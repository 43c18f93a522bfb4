package app.collections.prototype;

import app.collections.analyses.Analysis;
import app.collections.analyses.AnalysisDao;
import app.collections.items.Categories;
import app.collections.auth.Tenant;
import app.collections.images.ImageInspector;
import app.collections.images.RejectedImageException;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.items.ItemStatus;
import app.collections.json.Json;
import app.collections.pipeline.AnalysisQueue;
import app.collections.search.DocumentBuilder;
import app.collections.search.SearchIndexDao;
import app.collections.storage.ImageStore;
import app.collections.uploads.UploadService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Brings a prototype collection across, one item per transaction: its image checked against the
 * manifest's sha256 and by the same inspection as an upload, stored under the service's key scheme;
 * the item with its id, names and times; every analysis version as it was (id, version, provider,
 * model, time, the reply's text byte for byte); the latest indexed for BM25 (its embedding is the
 * next phase, {@link app.collections.indexing.Reindexer}); an item without analysis PENDING and
 * queued. Re-runs add nothing twice and finish what a crash left: an item already here gets only
 * the analysis versions it lacks. An id that belongs to another user is refused, never overwritten.
 */
public final class PrototypeImporter {
  /** The prototype wrote NULL for its first provider. */
  static final String DEFAULT_PROVIDER = "anthropic";
  /** analyses.model is NOT NULL; the prototype's column is nullable. */
  static final String UNKNOWN_MODEL = "unknown";

  private final Jdbi jdbi;
  private final ImageStore images;
  private final ImageInspector inspector;
  private final AnalysisQueue analyses;
  private final DocumentBuilder documents = new DocumentBuilder();

  /** {@code analyses} queues the analysis of an item the prototype never analysed. */
  public PrototypeImporter(Jdbi jdbi, ImageStore images, ImageInspector inspector, AnalysisQueue analyses) {
    this.jdbi = jdbi;
    this.images = images;
    this.inspector = inspector;
    this.analyses = analyses;
  }

  /** What became of one item in this run. */
  public enum Outcome { IMPORTED, COMPLETED, ALREADY_THERE, SKIPPED, CONFLICT }

  /** One run's tally (a Lambda import is several runs; the validation report reads the database). */
  public record Run(Map<Outcome, Integer> counts, Map<UUID, String> skipped, Map<UUID, String> conflicts,
      int analysesAdded, int processed, boolean finished) {}

  /**
   * Imports the data's items into the tenant's collection, in order, while {@code keepGoing} says
   * so (Lambda's clock). {@code dryRun} does every check and write, then rolls each back.
   */
  public Run run(PrototypeData data, Tenant tenant, boolean dryRun, BooleanSupplier keepGoing, Consumer<Outcome> progress) {
    Map<Outcome, Integer> counts = new LinkedHashMap<>();
    for (Outcome o : Outcome.values()) {
      counts.put(o, 0);
    }
    Map<UUID, String> skipped = new LinkedHashMap<>();
    Map<UUID, String> conflicts = new LinkedHashMap<>();
    int added = 0;
    int processed = 0;
    Set<UUID> present = new HashSet<>(jdbi.onDemand(ItemDao.class).ids(tenant));
    for (PrototypeData.Item item : data.items()) {
      if (!keepGoing.getAsBoolean()) {
        return new Run(counts, skipped, conflicts, added, processed, false);
      }
      Result result = present.contains(item.id())
          ? complete(tenant, item, data.analysesOf(item.id()), dryRun)
          : importOne(data, tenant, item, dryRun);
      counts.merge(result.outcome(), 1, Integer::sum);
      added += result.analysesAdded();
      if (result.outcome() == Outcome.SKIPPED) {
        skipped.put(item.id(), result.reason());
      } else if (result.outcome() == Outcome.CONFLICT) {
        conflicts.put(item.id(), result.reason());
      }
      processed++;
      progress.accept(result.outcome());
    }
    return new Run(counts, skipped, conflicts, added, processed, true);
  }

  /** Why the item's image cannot be imported, or empty: the same checks an import makes, writing nothing. */
  public Optional<String> imageProblem(PrototypeData data, PrototypeData.Item item) {
    Checked checked = check(data, item);
    return Optional.ofNullable(checked.problem());
  }

  private record Result(Outcome outcome, String reason, int analysesAdded) {}

  private record Checked(String problem, byte[] bytes, ImageInspector.Inspection image) {}

  private Checked check(PrototypeData data, PrototypeData.Item item) {
    String path = item.imagePath();
    Optional<byte[]> read = data.folder().read(path);
    if (read.isEmpty()) {
      return new Checked("image missing: " + path, null, null);
    }
    byte[] bytes = read.get();
    String filename = path.substring(path.lastIndexOf('/') + 1);
    Optional<PrototypeData.ManifestEntry> entry = data.manifest(filename);
    if (entry.isPresent()) {
      String sha = HexFormat.of().formatHex(ImageInspector.sha256(bytes));
      if (!sha.equalsIgnoreCase(entry.get().sha256())) {
        return new Checked("checksum mismatch: " + filename + " is " + sha + ", the manifest says " + entry.get().sha256(),
            null, null);
      }
      if (entry.get().size() >= 0 && entry.get().size() != bytes.length) {
        return new Checked("size mismatch: " + filename + " is " + bytes.length + " bytes, the manifest says "
            + entry.get().size(), null, null);
      }
    } else if (data.hasManifest()) {
      return new Checked("not in the manifest: " + filename + " cannot be checked against its sha256", null, null);
    }
    try {
      return new Checked(null, bytes, inspector.inspect(bytes));
    } catch (RejectedImageException e) {
      return new Checked("image rejected: " + e.getMessage(), null, null);
    }
  }

  private Result importOne(PrototypeData data, Tenant tenant, PrototypeData.Item item, boolean dryRun) {
    Checked checked = check(data, item);
    if (checked.problem() != null) {
      return new Result(Outcome.SKIPPED, checked.problem(), 0);
    }
    ImageInspector.Inspection image = checked.image();
    Optional<Item> twin = jdbi.onDemand(ItemDao.class).findBySha256(tenant, image.sha256());
    if (twin.isPresent()) {
      return new Result(Outcome.SKIPPED, "the same image as item " + twin.get().id() + " already here", 0);
    }
    List<ImportDao.AnalysisRow> rows = data.analysesOf(item.id()).stream().map(PrototypeImporter::row).toList();
    ImportDao.AnalysisRow latest = rows.isEmpty() ? null : rows.getLast();
    String key = UploadService.objectKey(tenant, item.id(), image.format());
    ImportDao.ItemRow row = new ImportDao.ItemRow(item.id(), item.filename(),
        item.originalFilename() != null ? item.originalFilename() : item.filename(),
        image.format().contentType(), checked.bytes().length, image.width(), image.height(),
        // Analysed but not yet embedded: the embedding phase makes it READY (findable in every mode).
        latest == null ? ItemStatus.PENDING : ItemStatus.ANALYZING, latest == null ? null : latest.category(), key,
        image.sha256(), item.createdAt(), item.updatedAt());
    if (!dryRun) {
      // Before the row: an item never points at bytes that are not there. A crash here leaves an
      // object under this tenant's own key, which the re-run writes again.
      images.write(key, row.contentType(), checked.bytes());
    }
    try {
      // An item without analysis is queued the one way items are (AnalysisQueue): job and status
      // in the transaction that inserts it, the workers or the queue told after it commits.
      HandleConsumer<RuntimeException> insert = h -> {
        ImportDao dao = h.attach(ImportDao.class);
        if (!dao.insertItem(tenant, row)) {
          throw new Refused("item id " + item.id() + " belongs to another user: not imported, nothing overwritten");
        }
        for (ImportDao.AnalysisRow a : rows) {
          if (!dao.insertAnalysis(tenant, a)) {
            throw new Refused("analysis id " + a.id() + " belongs to another user: item not imported");
          }
        }
        if (latest != null) {
          h.attach(SearchIndexDao.class).index(tenant, item.id(), latest.id(), documents.build(latest.raw()));
        }
        if (dryRun) {
          throw new DryRun();
        }
      };
      if (latest == null) {
        analyses.enqueueInserted(tenant, item.id(), insert);
      } else {
        jdbi.useTransaction(insert::useHandle);
      }
    } catch (Refused e) {
      if (!dryRun) {
        images.delete(key);
      }
      return new Result(Outcome.CONFLICT, e.getMessage(), 0);
    } catch (DryRun e) {
      return new Result(Outcome.IMPORTED, null, rows.size());
    }
    return new Result(Outcome.IMPORTED, null, rows.size());
  }

  /** An item already here: add the analysis versions it lacks (a newer prototype copy, or a crash). */
  private Result complete(Tenant tenant, PrototypeData.Item item, List<PrototypeData.Analysis> source, boolean dryRun) {
    ImportDao dao = jdbi.onDemand(ImportDao.class);
    Set<UUID> have = new HashSet<>();
    dao.analysisVersions(tenant, item.id()).forEach(v -> have.add(v.id()));
    List<ImportDao.AnalysisRow> missing = source.stream().filter(a -> !have.contains(a.id())).map(PrototypeImporter::row).toList();
    if (missing.isEmpty()) {
      return new Result(Outcome.ALREADY_THERE, null, 0);
    }
    try {
      jdbi.useTransaction(h -> {
        ImportDao tx = h.attach(ImportDao.class);
        for (ImportDao.AnalysisRow a : missing) {
          if (!tx.insertAnalysis(tenant, a)) {
            throw new Refused("analysis " + a.id() + " (version " + a.version() + ") was not added: its id belongs to"
                + " another user or this item's version " + a.version() + " is an analysis made here");
          }
        }
        reindexLatest(h, tenant, item.id());
        if (dryRun) {
          throw new DryRun();
        }
      });
    } catch (Refused e) {
      return new Result(Outcome.CONFLICT, e.getMessage(), 0);
    } catch (DryRun e) {
      return new Result(Outcome.COMPLETED, null, missing.size());
    }
    return new Result(Outcome.COMPLETED, null, missing.size());
  }

  private void reindexLatest(Handle h, Tenant tenant, UUID itemId) {
    Analysis latest = h.attach(AnalysisDao.class).latestForItems(tenant, List.of(itemId)).getFirst();
    h.attach(SearchIndexDao.class).index(tenant, itemId, latest.id(), documents.build(latest.raw()));
    h.attach(AnalysisDao.class).setItemCategory(tenant, itemId, latest.category());
    // READY once embedded again (EmbeddingStep marks it findable with its vectors).
    h.attach(ItemDao.class).updateStatus(tenant, itemId, ItemStatus.ANALYZING, null);
  }

  /**
   * The stored row of a prototype analysis: {@code raw_reply} its text exactly; {@code raw} the
   * same JSON, parsed (a reply that is not a JSON object is kept as text, its columns as raw); the
   * search columns derived from it, the category in its one spelling.
   */
  static ImportDao.AnalysisRow row(PrototypeData.Analysis a) {
    ObjectNode raw = parseObject(a.rawResponse());
    if (raw == null) {
      raw = Json.MAPPER.createObjectNode();
      raw.put("category", a.category());
      raw.put("summary", a.summary());
    }
    String category = Categories.normalise(text(raw, "category").orElse(a.category())).orElse(null);
    List<String> subcategories = new ArrayList<>();
    raw.path("subcategories").forEach(s -> {
      if (s.isTextual()) {
        subcategories.add(s.asText());
      }
    });
    String provider = a.provider() == null || a.provider().isBlank() ? DEFAULT_PROVIDER
        : a.provider().strip().toLowerCase(Locale.ROOT);
    String model = a.model() == null || a.model().isBlank() ? UNKNOWN_MODEL : a.model();
    return new ImportDao.AnalysisRow(a.id(), a.itemId(), a.version(), provider, model, category,
        List.copyOf(subcategories), text(raw, "headline").orElse(null), text(raw, "summary").orElse(a.summary()),
        raw, a.rawResponse(), a.createdAt());
  }

  private static ObjectNode parseObject(String text) {
    if (text == null) {
      return null;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      return node != null && node.isObject() ? (ObjectNode) node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Optional<String> text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /** Rolls a transaction back because the id is someone else's. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** Rolls a dry run's transaction back after every check and write succeeded. */
  private static final class DryRun extends RuntimeException {
    DryRun() {
      super(null, null, false, false);
    }
  }
}
