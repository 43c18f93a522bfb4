package app.collections.server.commands;

import app.collections.CollectionsConfiguration;
import app.collections.auth.Tenant;
import app.collections.db.Migrations;
import app.collections.prototype.ImportReport;
import app.collections.prototype.PrototypeData;
import app.collections.prototype.PrototypeFolder;
import app.collections.prototype.PrototypeImporter;
import app.collections.prototype.PrototypeMigration;
import app.collections.server.LocalService;
import app.collections.server.ServerConfiguration;
import app.collections.tools.eval.EvalReport;
import app.collections.tools.eval.SearchEval;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code import-prototype FOLDER --user NAME [--golden-user NAME] [--queries FILE] [--dry-run] CONFIG}:
 * brings a prototype data folder into a user's collection (see {@link PrototypeImporter}) and prints
 * the validation report. With {@code --golden-user}, the folder's collections_golden.db goes to that
 * user, and {@code --queries} (labelled queries) are evaluated on it. It exits with status 0 only
 * when the report is OK: every item, analysis version and image of the source is here; otherwise
 * with status 1 and what is missing. A folder whose files are not in the prototype's shape is
 * refused before anything is written. It runs the local S3 server itself, so the service must be
 * stopped (it says so if it is not).
 */
public final class ImportPrototypeCommand extends LocalStoreCommand {
  public ImportPrototypeCommand() {
    super("import-prototype", "Imports a prototype data folder (SQLite or JSON export, images, manifest) and validates it");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("folder").help("the prototype's data folder (collections.db, images/, exports/)");
    subparser.addArgument("--user").help("whose collection the items of collections.db join");
    subparser.addArgument("--golden-user").dest("goldenUser").help("import collections_golden.db into this user");
    subparser.addArgument("--queries").help("labelled queries JSON: the sample queries, and eval on the golden user");
    subparser.addArgument("--dry-run").dest("dryRun").action(Arguments.storeTrue())
        .help("check everything, write nothing");
    super.configure(subparser);
  }

  @Override
  protected void run(Bootstrap<ServerConfiguration> bootstrap, Namespace ns, ServerConfiguration serverConfig)
      throws Exception {
    CollectionsConfiguration config = serverConfig.collections();
    Path folder = Path.of(ns.getString("folder"));
    if (!Files.isDirectory(folder)) {
      throw new CommandFailure(folder + " is not a folder");
    }
    Map<String, String> users = new LinkedHashMap<>();
    if (ns.getString("user") != null) {
      users.put(PrototypeData.DATABASE, ns.getString("user"));
    }
    if (ns.getString("goldenUser") != null) {
      users.put(PrototypeData.GOLDEN_DATABASE, ns.getString("goldenUser"));
    }
    if (users.isEmpty()) {
      throw new CommandFailure("say whose collection the items join: --user NAME (and/or --golden-user NAME)");
    }
    boolean dryRun = ns.getBoolean("dryRun");
    List<String> queries = ns.getString("queries") == null ? List.of()
        : SearchEval.readQueries(Path.of(ns.getString("queries"))).stream().map(q -> q.text()).toList();
    // Every source is read, and its files' shapes checked, before the stores start or anything is written.
    Map<PrototypeData, String> sources = new LinkedHashMap<>();
    try {
      users.forEach((database, user) -> sources.put(read(folder, database), user));
      var dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), "import-prototype");
      if (config.isMigrateOnStart()) {
        Migrations.migrate(dataSource);
      }
      // The queued analyses are the service's to run (its workers, or the processor Lambda).
      LocalService service = LocalService.start(config, dataSource, bootstrap.getMetricRegistry(),
          bootstrap.getObjectMapper());
      try {
        PrototypeMigration migration = new PrototypeMigration(service.db().jdbi(), service.processing().images(),
            service.processing().lifecycle(), service.processing().derive(), service.indexing().embedding(), service.searching().search());
        List<String> failures = new ArrayList<>();
        sources.forEach((data, user) -> importInto(migration, data, user, dryRun, queries).ifPresent(failures::add));
        String golden = ns.getString("goldenUser");
        if (golden != null && ns.getString("queries") != null && !dryRun) {
          SearchEval eval = new SearchEval(service.db().jdbi(), service.processing().lifecycle(), service.processing().pipeline(),
              service.searching().search());
          EvalReport report = eval.evaluate(eval.stored(new Tenant(golden)),
              SearchEval.readQueries(Path.of(ns.getString("queries"))), SearchEval.MODES);
          System.out.printf("%nSearch quality on %s's collection (%d items):%n%s", golden, report.documents(),
              report.table());
        }
        if (!failures.isEmpty()) {
          throw new CommandFailure(String.join("\n", failures));
        }
      } finally {
        service.stop();
      }
    } finally {
      sources.keySet().forEach(PrototypeData::close);
    }
  }

  /** The folder's source, or the sentence that says which file is not what the prototype writes. */
  private static PrototypeData read(Path folder, String database) {
    try {
      return PrototypeData.read(PrototypeFolder.on(folder), database);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("nothing imported: " + e.getMessage());
    }
  }

  /** Imports one source and prints its report; the failure's sentence when it is not complete. */
  private static Optional<String> importInto(PrototypeMigration migration, PrototypeData data, String user,
      boolean dryRun, List<String> queries) {
    String source = data.folder().describe() + "/" + data.source();
    System.out.printf("%s%s: %d item(s), %d analysis version(s) into %s%n", dryRun ? "DRY RUN " : "", source,
        data.items().size(), data.analysisCount(), user);
    PrototypeMigration.Result result;
    try (Bars bars = new Bars()) {
      result = migration.migrate(data, new Tenant(user), dryRun, queries, () -> true, bars);
    }
    PrototypeImporter.Run run = result.run();
    System.out.printf("This run: %s, %d analysis version(s) added%n", run.counts(), run.analysesAdded());
    if (dryRun) {
      run.merged().forEach((id, twin) -> System.out.printf("  would merge %s into %s (the same image)%n", id, twin));
      run.skipped().forEach((id, reason) -> System.out.printf("  would skip %s: %s%n", id, reason));
      run.conflicts().forEach((id, reason) -> System.out.printf("  REFUSED %s: %s%n", id, reason));
      if (data.items().isEmpty()) {
        return Optional.of(source + ": the source has no items, so nothing would be imported");
      }
      int lost = run.skipped().size() + run.conflicts().size();
      return lost == 0 ? Optional.empty()
          : Optional.of(source + ": " + lost + " of " + data.items().size() + " item(s) would not be imported"
              + " (see above); nothing was written");
    }
    if (run.addedNothing() && !data.items().isEmpty()) {
      System.out.println("Nothing new to import: every item of the source that can be imported was already here");
    }
    if (result.embedding() != null) {
      System.out.printf("Embedded %d item(s)%n", result.embedding().embedded());
    }
    ImportReport report = result.report();
    System.out.print(report.text());
    return report.ok() ? Optional.empty() : Optional.of(source + " into " + user + ": " + report.verdict());
  }

  /** The existing import command's bars: one per phase. */
  private static final class Bars implements PrototypeMigration.Progress, AutoCloseable {
    private ProgressBar bar;

    @Override
    public void importing(int items) {
      close();
      bar = ImportCommand.bar("Importing", items);
    }

    @Override
    public void imported(PrototypeImporter.Outcome outcome) {
      bar.step();
    }

    @Override
    public void embedding(long items) {
      close();
      bar = ImportCommand.bar("Embedding", (int) items);
    }

    @Override
    public void embedded(int items) {
      bar.stepBy(items);
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}
