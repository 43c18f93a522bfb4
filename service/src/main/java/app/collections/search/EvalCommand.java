package app.collections.search;

import app.collections.CollectionsConfiguration;
import app.collections.Wiring;
import app.collections.db.Migrations;
import app.collections.search.eval.EvalReport;
import app.collections.search.eval.SearchEval;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code eval --analyses FILE --queries FILE [--json] CONFIG}: search quality on a labelled set,
 * in a throwaway tenant that is deleted afterwards.
 */
public final class EvalCommand extends ConfiguredCommand<CollectionsConfiguration> {
  public EvalCommand() {
    super("eval", "Measures search quality (MRR, P@k, R@k, NDCG@k per mode) on a labelled set");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--analyses").required(true).help("golden analyses JSON ({golden_analyses: [...]})");
    subparser.addArgument("--queries").required(true).help("retrieval queries JSON ({queries: [...]})");
    subparser.addArgument("--json").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("print the report as JSON");
  }

  @Override
  protected void run(Bootstrap<CollectionsConfiguration> bootstrap, Namespace namespace,
      CollectionsConfiguration config) throws Exception {
    var dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), "eval");
    if (config.isMigrateOnStart()) {
      Migrations.migrate(dataSource);
    }
    Wiring wiring = new Wiring(config, dataSource, bootstrap.getMetricRegistry(), bootstrap.getObjectMapper());
    try {
      EvalReport report = new SearchEval(wiring.jdbi(), wiring.pipeline(), wiring.search())
          .run(Path.of(namespace.getString("analyses")), Path.of(namespace.getString("queries")));
      if (namespace.getBoolean("json")) {
        System.out.println(bootstrap.getObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      } else {
        System.out.printf("%d documents, model %s%n%n", report.documents(), wiring.search().embeddingModel());
        System.out.print(report.table());
      }
    } finally {
      for (Managed managed : wiring.managed()) {
        managed.stop();
      }
    }
  }
}
