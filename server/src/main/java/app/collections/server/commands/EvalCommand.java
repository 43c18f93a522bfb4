package app.collections.server.commands;

import app.collections.server.ServerConfiguration;
import app.collections.CollectionsConfiguration;
import app.collections.server.LocalService;
import app.collections.auth.Tenant;
import app.collections.db.Migrations;
import app.collections.tools.eval.EvalReport;
import app.collections.tools.eval.PixelEval;
import app.collections.tools.eval.SearchEval;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code eval --analyses FILE --queries FILE [--json] CONFIG}: search quality on a labelled set,
 * in a throwaway tenant that is deleted afterwards. {@code eval --user NAME --queries FILE}: on what
 * is stored for that user, as it is (a migrated golden collection keeps the ids the queries name).
 * With {@code --images FOLDER} the collection is made from the pixels by the configured analyser,
 * and compared with {@code --analyses}.
 */
public final class EvalCommand extends LocalStoreCommand {
  public EvalCommand() {
    super("eval", "Measures search quality (MRR, P@k, R@k, NDCG@k per mode) on a labelled set");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--analyses").help("golden analyses JSON ({golden_analyses: [...]}): the collection,"
        + " or with --images what the analyses made from the pixels are compared with");
    subparser.addArgument("--user").help("measure on this user's stored collection instead of --analyses");
    // From pixels (issue 13): the images go through the real pipeline instead of given analyses.
    subparser.addArgument("--images").help("a folder of images named <item id>.jpg: analyse them with the"
        + " configured analyser (vision.defaultProvider) and evaluate search on what it made");
    subparser.addArgument("--queries").required(true).help("retrieval queries JSON ({queries: [...]})");
    subparser.addArgument("--json").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("print the report as JSON");
  }

  @Override
  protected void run(Bootstrap<ServerConfiguration> bootstrap, Namespace namespace,
      ServerConfiguration serverConfig) throws Exception {
    CollectionsConfiguration config = serverConfig.collections();
    var dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), "eval");
    if (config.isMigrateOnStart()) {
      Migrations.migrate(dataSource);
    }
    LocalService service = LocalService.start(config, dataSource, bootstrap.getMetricRegistry(), bootstrap.getObjectMapper());
    try {
      SearchEval eval = new SearchEval(service.db().jdbi(), service.processing().lifecycle(), service.processing().pipeline(), service.searching().search());
      if (namespace.getString("images") != null) {
        PixelEval.Result result = new PixelEval(eval, service.processing().images()).run(Path.of(namespace.getString("images")),
            namespace.getString("analyses") == null ? null : Path.of(namespace.getString("analyses")),
            Path.of(namespace.getString("queries")));
        if (namespace.getBoolean("json")) {
          System.out.println(bootstrap.getObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
          System.out.print(result.text(service.searching().search().embeddingModel()));
        }
        return;
      }
      String user = namespace.getString("user");
      if ((user == null) == (namespace.getString("analyses") == null)) {
        throw new IllegalArgumentException("pass exactly one of --analyses FILE, --user NAME and --images FOLDER");
      }
      EvalReport report = user != null
          ? eval.evaluate(eval.stored(new Tenant(user)), SearchEval.readQueries(Path.of(namespace.getString("queries"))),
              SearchEval.MODES)
          : eval.run(Path.of(namespace.getString("analyses")), Path.of(namespace.getString("queries")));
      if (namespace.getBoolean("json")) {
        System.out.println(bootstrap.getObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      } else {
        System.out.printf("%d documents, model %s%n%n", report.documents(), service.searching().search().embeddingModel());
        System.out.print(report.table());
      }
    } finally {
      service.stop();
    }
  }
}
