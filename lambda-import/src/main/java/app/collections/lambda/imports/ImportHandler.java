package app.collections.lambda.imports;

import app.collections.CollectionsConfiguration;
import app.collections.assembly.Indexing;
import app.collections.assembly.Persistence;
import app.collections.assembly.Processing;
import app.collections.assembly.Searching;
import app.collections.auth.Tenant;
import app.collections.indexing.Reindexer;
import app.collections.pipeline.DerivedBackfill;
import app.collections.json.Json;
import app.collections.lambda.ApiHandler;
import app.collections.lambda.LambdaParts;
import app.collections.logging.LogFields;
import app.collections.prototype.ImportReport;
import app.collections.prototype.PrototypeData;
import app.collections.prototype.PrototypeImporter;
import app.collections.prototype.PrototypeMigration;
import app.collections.prototype.S3PrototypeFolder;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prototype import and {@code reindex} in production, where the database is reachable only
 * from inside the VPC: the same code as the commands, in slices that fit Lambda's time limit.
 * Invoke it again while it answers {@code "done": false}; every slice starts where the data says
 * the last one stopped (imported items are found, only missing vectors are made). The last answers
 * {@code "ok"}: true only when every item, analysis version and image of the source is here, else
 * false with the {@code "verdict"} (what is missing and why), also logged; a folder whose files are
 * not in the prototype's shape answers {@code "done": true, "ok": false, "error"} at once.
 *
 * <pre>
 * {"action": "import-prototype", "bucket": "B" (default IMPORT_BUCKET), "prefix": "P/", "user": "NAME",
 *  "database": "collections.db", "dryRun": false, "maxItems": 500}
 * {"action": "reindex", "user": "NAME"}          (user optional: every user missing vectors)
 * </pre>
 *
 * <p>Its own module and jar (collections-import.jar): the prototype import and SQLite run here
 * only, never in the API's, processor's or migrator's jar (collections-lambda.jar).
 */
public final class ImportHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ImportHandler.class);
  /**
   * Left of the invocation when a slice stops starting work: one item or one embedding batch takes
   * seconds, but the last slice also validates, which reads every image back from S3.
   */
  static final int RESERVE_MILLIS = 180_000;
  /** Where the staged SQLite files are copied: Lambda's only writable disk. */
  private static final Path SCRATCH = Path.of(System.getProperty("java.io.tmpdir"), "prototype-import");

  private final Processing processing;
  private final PrototypeMigration migration;
  private final Reindexer reindexer;
  private final DerivedBackfill backfill;

  public ImportHandler() {
    this(ApiHandler.loadConfiguration(ApiHandler.CONFIG_RESOURCE));
  }

  public ImportHandler(CollectionsConfiguration config) {
    MetricRegistry metrics = new MetricRegistry();
    Persistence db = Persistence.over(config.getDatabase().build(metrics, "postgres"), metrics, Json.MAPPER);
    Indexing indexing = LambdaParts.indexing(config, db);
    this.processing = LambdaParts.processing(config, db, indexing, metrics);
    Searching searching = Searching.create(config, db, indexing, metrics);
    this.migration = new PrototypeMigration(db.jdbi(), processing.images(), processing.lifecycle(),
        processing.derive(), indexing.embedding(), searching.search());
    this.reindexer = new Reindexer(db.jdbi(), indexing.embedding());
    this.backfill = new DerivedBackfill(db.jdbi(), processing.derive());
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.MAPPER.readTree(input);
    int maxItems = event.path("maxItems").asInt(Integer.MAX_VALUE);
    AtomicInteger done = new AtomicInteger();
    BooleanSupplier keepGoing = () -> context.getRemainingTimeInMillis() > RESERVE_MILLIS && done.get() < maxItems;
    ObjectNode answer = switch (event.path("action").asText()) {
      case "import-prototype" -> importPrototype(event, keepGoing, done);
      case "reindex" -> reindex(event, keepGoing, done);
      default -> throw new IllegalArgumentException("action must be import-prototype or reindex");
    };
    Json.MAPPER.writeValue(output, answer);
  }

  private ObjectNode importPrototype(JsonNode event, BooleanSupplier keepGoing, AtomicInteger done) {
    String bucket = event.path("bucket").asText(System.getenv().getOrDefault("IMPORT_BUCKET", ""));
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("bucket is required (or the IMPORT_BUCKET variable)");
    }
    String prefix = event.path("prefix").asText("");
    Tenant tenant = new Tenant(required(event, "user"));
    String database = event.path("database").asText(PrototypeData.DATABASE);
    var folder = new S3PrototypeFolder(processing.images().client(), bucket, prefix,
        SCRATCH.resolve(Integer.toHexString((bucket + "/" + prefix).hashCode())));
    PrototypeData read;
    try {
      read = PrototypeData.read(folder, database);
    } catch (IllegalArgumentException e) {
      // A file not in the prototype's shape: nothing to resume, so done, and not OK, with why.
      LOG.error("Prototype import of {} for tenant {} refused: {}", folder.describe(), LogFields.tenantHash(tenant),
          e.getMessage());
      ObjectNode answer = Json.MAPPER.createObjectNode();
      answer.put("done", true);
      answer.put("ok", false);
      answer.put("error", "nothing imported: " + e.getMessage());
      return answer;
    }
    try (PrototypeData data = read) {
      PrototypeMigration.Result result = migration.migrate(data, tenant, event.path("dryRun").asBoolean(false), List.of(),
          keepGoing, new PrototypeMigration.Progress() {
            @Override
            public void imported(PrototypeImporter.Outcome outcome) {
              if (outcome == PrototypeImporter.Outcome.IMPORTED || outcome == PrototypeImporter.Outcome.COMPLETED) {
                done.incrementAndGet();
              }
            }

            @Override
            public void embedded(int items) {
              done.addAndGet(items);
            }
          });
      ObjectNode answer = Json.MAPPER.createObjectNode();
      answer.put("done", result.finished());
      answer.set("run", Json.MAPPER.valueToTree(result.run()));
      if (result.embedding() != null) {
        answer.put("embedded", result.embedding().embedded());
      }
      ImportReport report = result.report();
      if (report != null) {
        answer.put("ok", report.ok());
        answer.put("verdict", report.verdict());
        answer.put("report", report.text());
        answer.set("validation", Json.MAPPER.valueToTree(report));
        // The operator's log says the outcome as the command does; item ids, not the tenant's.
        if (report.ok()) {
          LOG.info("Prototype import for tenant {}: {}", LogFields.tenantHash(tenant), report.verdict());
        } else {
          LOG.warn("Prototype import for tenant {}: {}; missing items {}, missing analyses {}",
              LogFields.tenantHash(tenant), report.verdict(), report.missingItems(), report.missingAnalyses());
        }
      }
      return answer;
    }
  }

  private ObjectNode reindex(JsonNode event, BooleanSupplier keepGoing, AtomicInteger done) {
    // Derived images first (items from before the DERIVE step), then vectors, each resumable.
    List<String> lacking = event.hasNonNull("user") ? List.of(event.get("user").asText()) : backfill.tenantsLacking();
    int derived = 0;
    for (String id : lacking) {
      DerivedBackfill.Progress progress = backfill.run(new Tenant(id), keepGoing, done::addAndGet);
      derived += progress.made();
      if (!progress.finished()) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("done", false);
        answer.put("derived", derived);
        answer.put("embedded", 0);
        return answer;
      }
    }
    List<String> tenants = event.hasNonNull("user") ? List.of(event.get("user").asText()) : reindexer.tenantsMissing();
    int embedded = 0;
    boolean finished = true;
    for (String id : tenants) {
      Reindexer.Progress progress = reindexer.embedMissing(new Tenant(id), keepGoing, done::addAndGet);
      embedded += progress.embedded();
      if (!progress.finished()) {
        finished = false;
        break;
      }
    }
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("done", finished);
    answer.put("derived", derived);
    answer.put("embedded", embedded);
    answer.put("model", reindexer.model());
    return answer;
  }

  private static String required(JsonNode event, String field) {
    String value = event.path(field).asText("");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }
}
