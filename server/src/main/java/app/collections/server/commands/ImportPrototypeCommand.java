package app.collections.server.commands;

import app.collections.prototype.PrototypeData;

import app.collections.prototype.PrototypeImporter;
import app.collections.prototype.PrototypeMigration;

import app.collections.prototype.PrototypeFolder;

import app.collections.server.ServerConfiguration;
import app.collections.CollectionsConfiguration;
import app.collections.server.LocalService;
import app.collections.auth.Tenant;
import app.collections.db.Migrations;
import app.collections.tools.eval.EvalReport;
import app.collections.tools.eval.SearchEval;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code import-prototype FOLDER --user NAME [--golden-user NAME] [--queries FILE] [--dry-run] CONFIG}:
 * brings a prototype data folder into a user's collection (see {@link PrototypeImporter}) and prints
 * the validation report. With {@code --golden-user}, the folder's collections_golden.db goes to that
 * user, and {@code --queries} (labelled queries) are evaluated on it. Fails when the report is not OK.
 */
public final class ImportPrototypeCommand extends ConfiguredCommand<ServerConfiguration> {
  public ImportPrototypeCommand() {
    super("import-prototype", "Imports a prototype data folder (SQLite, images, manifest) and validates it");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("folder").help("the prototype's data folder (collections.db, images/, exports/)");
    subparser.addArgument("--user").required(true).help("whose collection the items join");
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
      throw new IllegalArgumentException(folder + " is not a folder");
    }
    var dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), "import-prototype");
    if (config.isMigrateOnStart()) {
      Migrations.migrate(dataSource);
    }
    // The queued analyses are the service's to run (its workers, or the processor Lambda).
    LocalService service = LocalService.start(config, dataSource, bootstrap.getMetricRegistry(), bootstrap.getObjectMapper());
    try {
      PrototypeMigration migration = new PrototypeMigration(service.db().jdbi(), service.processing().images(),
          service.processing().queue(), service.indexing().embedding(), service.searching().search());
      List<String> queries = ns.getString("queries") == null ? List.of()
          : SearchEval.readQueries(Path.of(ns.getString("queries"))).stream().map(q -> q.text()).toList();
      boolean ok = importInto(migration, PrototypeFolder.on(folder), PrototypeData.DATABASE, ns.getString("user"),
          ns.getBoolean("dryRun"), queries);
      String golden = ns.getString("goldenUser");
      if (golden != null) {
        ok &= importInto(migration, PrototypeFolder.on(folder), PrototypeData.GOLDEN_DATABASE, golden,
            ns.getBoolean("dryRun"), queries);
        if (ns.getString("queries") != null && !ns.getBoolean("dryRun")) {
          SearchEval eval = new SearchEval(service.db().jdbi(), service.processing().pipeline(), service.searching().search());
          EvalReport report = eval.evaluate(eval.stored(new Tenant(golden)),
              SearchEval.readQueries(Path.of(ns.getString("queries"))), SearchEval.MODES);
          System.out.printf("%nSearch quality on %s's collection (%d items):%n%s", golden, report.documents(),
              report.table());
        }
      }
      if (!ok) {
        throw new IllegalStateException("the import is not complete: see the report above");
      }
    } finally {
      service.stop();
    }
  }

  private static boolean importInto(PrototypeMigration migration, PrototypeFolder folder, String database, String user,
      boolean dryRun, List<String> queries) {
    try (PrototypeData data = PrototypeData.read(folder, database)) {
      System.out.printf("%s%s: %d item(s), %d analysis version(s) into %s%n", dryRun ? "DRY RUN " : "",
          folder.describe() + "/" + data.source(), data.items().size(), data.analysisCount(), user);
      Bars bars = new Bars();
      PrototypeMigration.Result result;
      try {
        result = migration.migrate(data, new Tenant(user), dryRun, queries, () -> true, bars);
      } finally {
        bars.close();
      }
      PrototypeImporter.Run run = result.run();
      System.out.printf("This run: %s, %d analysis version(s) added%n", run.counts(), run.analysesAdded());
      if (dryRun) {
        run.skipped().forEach((id, reason) -> System.out.printf("  would skip %s: %s%n", id, reason));
        run.conflicts().forEach((id, reason) -> System.out.printf("  REFUSED %s: %s%n", id, reason));
        return run.conflicts().isEmpty();
      }
      if (result.embedding() != null) {
        System.out.printf("Embedded %d item(s)%n", result.embedding().embedded());
      }
      System.out.print(result.report().text());
      return result.report().ok();
    }
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
