package app.collections.prototype;

import app.collections.analyses.Analysis;
import app.collections.analyses.AnalysisDao;
import app.collections.items.Categories;
import app.collections.auth.Tenant;
import app.collections.images.ImageInspector;
import app.collections.images.RejectedImageException;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.json.Json;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.pipeline.DeriveStep;
import app.collections.images.Renderer;
import app.collections.items.DerivedFacts;
import app.collections.items.Location;
import app.collections.storage.ObjectKeys;
import app.collections.search.DocumentBuilder;
import app.collections.search.SearchIndexDao;
import app.collections.storage.ImageStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
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
 * manifest's sha256 (or, for an image the manifest does not list, its checksum computed here and
 * reported) and by the same inspection as an upload, stored under the service's key scheme;
 * the item with its id, names and times; every analysis version as it was (id, version, provider,
 * model, time, the reply's text byte for byte); the latest indexed for BM25 (its embedding is the
 * next phase, {@link app.collections.indexing.Reindexer}); an item without analysis PENDING and
 * queued. Re-runs add nothing twice and finish what a crash left: an item already here gets only
 * the analysis versions it lacks. An id that belongs to another user is refused, never overwritten.
 * The prototype stored the same photo uploaded twice as two items (its repository's manifests list
 * one sha256 under several ids); here an image is one item per user, as for an upload, so the
 * second is merged into the first: its analysis versions join the first's, numbered after them.
 */
public final class PrototypeImporter {
  /** The prototype wrote NULL for its first provider. */
  static final String DEFAULT_PROVIDER = "anthropic";
  /** analyses.model is NOT NULL; the prototype's column is nullable. */
  static final String UNKNOWN_MODEL = "unknown";

  private final Jdbi jdbi;
  private final ImageStore images;
  private final ImageInspector inspector;
  private final ItemLifecycle lifecycle;
  private final DeriveStep derive;
  private final Renderer renderer = new Renderer();
  private final DocumentBuilder documents = new DocumentBuilder();

  /**
   * {@code lifecycle} queues the analysis of an item the prototype never analysed; {@code derive}
   * stores an item's renditions and reads its capture facts.
   */
  public PrototypeImporter(Jdbi jdbi, ImageStore images, ImageInspector inspector, ItemLifecycle lifecycle,
      DeriveStep derive) {
    this.jdbi = jdbi;
    this.images = images;
    this.inspector = inspector;
    this.lifecycle = lifecycle;
    this.derive = derive;
  }

  /** What became of one item in this run. */
  public enum Outcome { IMPORTED, COMPLETED, ALREADY_THERE, MERGED, SKIPPED, CONFLICT }

  /**
   * One run's tally (a Lambda import is several runs; the validation report reads the database):
   * why items were skipped or refused, and which were merged into the item of the same image.
   */
  public record Run(Map<Outcome, Integer> counts, Map<UUID, String> skipped, Map<UUID, String> conflicts,
      Map<UUID, UUID> merged, int analysesAdded, int processed, boolean finished) {

    /** True when this run wrote nothing: everything that could be imported already was. */
    public boolean addedNothing() {
      return counts.get(Outcome.IMPORTED) == 0 && counts.get(Outcome.COMPLETED) == 0 && analysesAdded == 0;
    }
  }

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
    Map<UUID, UUID> merged = new LinkedHashMap<>();
    // A dry run writes nothing, so the items it "imported" are remembered here to find their twins.
    Map<String, UUID> imagesThisRun = new HashMap<>();
    int added = 0;
    int processed = 0;
    Set<UUID> present = new HashSet<>(jdbi.onDemand(ItemDao.class).ids(tenant));
    for (PrototypeData.Item item : data.items()) {
      if (!keepGoing.getAsBoolean()) {
        return new Run(counts, skipped, conflicts, merged, added, processed, false);
      }
      Result result = present.contains(item.id())
          ? complete(tenant, item.id(), item.id(), data.analysesOf(item.id()), dryRun)
          : importOne(data, tenant, item, dryRun, imagesThisRun);
      counts.merge(result.outcome(), 1, Integer::sum);
      added += result.analysesAdded();
      switch (result.outcome()) {
        case SKIPPED -> skipped.put(item.id(), result.reason());
        case CONFLICT -> conflicts.put(item.id(), result.reason());
        default -> {}
      }
      if (result.twin() != null) {
        merged.put(item.id(), result.twin());
      }
      processed++;
      progress.accept(result.outcome());
    }
    return new Run(counts, skipped, conflicts, merged, added, processed, true);
  }

  /** {@code twin}: the item of the same image this one was merged into, or null. */
  private record Result(Outcome outcome, String reason, int analysesAdded, UUID twin) {
    Result(Outcome outcome, String reason, int analysesAdded) {
      this(outcome, reason, analysesAdded, null);
    }

    Result mergedInto(UUID twin) {
      return new Result(outcome == Outcome.COMPLETED ? Outcome.MERGED : outcome, reason, analysesAdded, twin);
    }
  }

  private record Checked(String problem, byte[] bytes, ImageInspector.Inspection image) {}

  private Checked check(PrototypeData data, PrototypeData.Item item) {
    String path = item.imagePath();
    Optional<byte[]> read = data.folder().read(path);
    if (read.isEmpty()) {
      return new Checked("image missing: " + path, null, null);
    }
    byte[] bytes = read.get();
    String filename = path.substring(path.lastIndexOf('/') + 1);
    // Not listed (copied in after the export, or no manifest at all): its checksum is computed here,
    // and the report says which images were not checked against one.
    Optional<PrototypeManifest.Entry> entry = data.manifest().entry(filename);
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
    }
    try {
      return new Checked(null, bytes, inspector.inspect(bytes));
    } catch (RejectedImageException e) {
      return new Checked("image rejected: " + e.getMessage(), null, null);
    }
  }

  private Result importOne(PrototypeData data, Tenant tenant, PrototypeData.Item item, boolean dryRun,
      Map<String, UUID> imagesThisRun) {
    Checked checked = check(data, item);
    if (checked.problem() != null) {
      return new Result(Outcome.SKIPPED, checked.problem(), 0);
    }
    ImageInspector.Inspection image = checked.image();
    String sha = HexFormat.of().formatHex(image.sha256());
    Optional<Item> twin = jdbi.onDemand(ItemDao.class).findBySha256(tenant, image.sha256());
    if (twin.isPresent()) {
      return complete(tenant, twin.get().id(), item.id(), data.analysesOf(item.id()), dryRun).mergedInto(twin.get().id());
    }
    UUID earlier = imagesThisRun.putIfAbsent(sha, item.id());
    if (earlier != null) {
      // Only in a dry run, whose earlier item was rolled back: a real run finds it stored, above.
      return new Result(Outcome.MERGED, null, data.analysesOf(item.id()).size(), earlier);
    }
    List<ImportDao.AnalysisRow> rows = data.analysesOf(item.id()).stream().map(PrototypeImporter::row).toList();
    ImportDao.AnalysisRow latest = rows.isEmpty() ? null : rows.getLast();
    String key = ObjectKeys.original(tenant, item.id(), image.format());
    Renderer.Renditions renditions;
    try {
      renditions = renderer.render(checked.bytes());
    } catch (RejectedImageException e) {
      return new Result(Outcome.SKIPPED, "image rejected: " + e.getMessage(), 0);
    }
    // Before the row: an item never points at bytes that are not there. A crash here leaves objects
    // under this tenant's own keys, which the re-run writes again. The renditions and the capture
    // facts are made here, as the DERIVE job makes them for an upload.
    DerivedFacts derived = dryRun ? null : derive.store(tenant, item.id(), renditions);
    ImportDao.ItemRow row = new ImportDao.ItemRow(item.id(), item.filename(),
        item.originalFilename() != null ? item.originalFilename() : item.filename(),
        image.format().contentType(), checked.bytes().length, image.width(), image.height(),
        ItemLifecycle.importedStatus(latest != null), latest == null ? null : latest.category(), key,
        image.sha256(), item.createdAt(), item.updatedAt(), derived);
    if (!dryRun) {
      images.write(key, row.contentType(), checked.bytes());
    }
    try {
      // An item without analysis is queued the one way items are (ItemLifecycle): its job in the
      // transaction that inserts it, the workers or the queue told after it commits. One with an
      // analysis is ANALYZING until the import's embedding phase makes it READY.
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
          h.attach(SearchIndexDao.class).index(tenant, item.id(), latest.id(),
              documents.build(latest.raw(), derived == null ? null : derived.location()));
        }
        if (dryRun) {
          throw new DryRun();
        }
      };
      if (latest == null) {
        lifecycle.imported(tenant, item.id(), insert);
      } else {
        jdbi.useTransaction(insert::useHandle);
      }
    } catch (Refused e) {
      if (!dryRun) {
        ObjectKeys.all(tenant, item.id(), key).forEach(images::delete);
      }
      return new Result(Outcome.CONFLICT, e.getMessage(), 0);
    } catch (DryRun e) {
      return new Result(Outcome.IMPORTED, null, rows.size());
    }
    return new Result(Outcome.IMPORTED, null, rows.size());
  }

  /**
   * An item already here, {@code target}: add the analysis versions of the source item it lacks (a
   * newer prototype copy, or a crash). When the source item is another one of the same image
   * ({@code target} its twin), its versions are numbered after the target's.
   */
  private Result complete(Tenant tenant, UUID target, UUID sourceItem, List<PrototypeData.Analysis> source,
      boolean dryRun) {
    ImportDao dao = jdbi.onDemand(ImportDao.class);
    Set<UUID> have = new HashSet<>();
    List<ImportDao.Version> versions = dao.analysisVersions(tenant, target);
    versions.forEach(v -> have.add(v.id()));
    int next = versions.stream().mapToInt(ImportDao.Version::version).max().orElse(0) + 1;
    List<ImportDao.AnalysisRow> missing = new ArrayList<>();
    for (PrototypeData.Analysis a : source) {
      if (!have.contains(a.id())) {
        ImportDao.AnalysisRow row = row(a);
        missing.add(target.equals(sourceItem) ? row : row.movedTo(target, next++));
      }
    }
    if (missing.isEmpty()) {
      return new Result(target.equals(sourceItem) || !source.isEmpty() ? Outcome.ALREADY_THERE : Outcome.COMPLETED,
          null, 0);
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
        reindexLatest(h, tenant, target);
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
    Location location = h.attach(ItemDao.class).find(tenant, itemId).map(Item::location).orElse(null);
    h.attach(SearchIndexDao.class).index(tenant, itemId, latest.id(), documents.build(latest.raw(), location));
    h.attach(AnalysisDao.class).setItemCategory(tenant, itemId, latest.category());
    // READY once embedded again (EmbeddingStep marks it findable with its vectors).
    lifecycle.versionImported(h, tenant, itemId);
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
