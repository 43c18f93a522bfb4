package app.collections.server.commands;

import app.collections.CollectionsConfiguration;
import app.collections.db.Migrations;
import app.collections.server.LocalService;
import app.collections.server.ServerConfiguration;
import app.collections.tools.bench.SearchBench;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import java.util.Arrays;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bench CONFIG}: search latency at scale, on the local service's search and embedder
 * (SearchBench in tools does the loading, timing and comparing; this parses, wires and stops).
 */
public final class BenchCommand extends LocalStoreCommand {
  public BenchCommand() {
    super("bench", "Measures search latency on synthetic tenants (100k items and others beside it)");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--items").type(Integer.class).setDefault(100_000).help("items of the big tenant");
    subparser.addArgument("--tenants").type(Integer.class).setDefault(100).help("small tenants beside it");
    subparser.addArgument("--tenant-items").type(Integer.class).setDefault(1_000).help("items of each small tenant");
    subparser.addArgument("--queries").type(Integer.class).setDefault(200).help("queries per mode and tenant");
    subparser.addArgument("--golden").setDefault("../shared/eval/golden_analyses.json").help("vocabulary source");
    subparser.addArgument("--labelled").setDefault("../shared/eval/retrieval_queries.json").help("queries to mix in");
    subparser.addArgument("--ef-search").type(Integer.class)
        .help("hnsw.ef_search of the indexed plan (default: search.efSearch of the config); recall shows its cost");
    subparser.addArgument("--recall-ef").setDefault("40,100,200,400")
        .help("ef_search values at which the big tenant's VECTOR latency and recall are also measured (comma-separated; empty: none)");
    subparser.addArgument("--latency-only").action(Arguments.storeTrue())
        .help("time the modes only: no recall, SQLite FTS5 or exact-scan references (for quick A/B runs)");
    subparser.addArgument("--reuse").action(Arguments.storeTrue()).help("keep tenants loaded by an earlier run");
  }

  @Override
  protected void run(Bootstrap<ServerConfiguration> bootstrap, Namespace ns, ServerConfiguration serverConfig)
      throws Exception {
    CollectionsConfiguration config = serverConfig.collections();
    var dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), "bench");
    Migrations.migrate(dataSource);
    if (ns.getInt("ef_search") != null) {
      config.getSearch().setEfSearch(ns.getInt("ef_search"));
    }
    System.out.printf("hnsw.ef_search = %d%n", config.getSearch().getEfSearch());
    SearchBench.Options options = new SearchBench.Options(ns.getInt("items"), ns.getInt("tenants"),
        ns.getInt("tenant_items"), ns.getInt("queries"), Path.of(ns.getString("golden")),
        Path.of(ns.getString("labelled")),
        Arrays.stream(ns.getString("recall_ef").split(",")).filter(x -> !x.isBlank()).map(x -> Integer.valueOf(x.trim()))
            .toList(),
        ns.getBoolean("latency_only"), ns.getBoolean("reuse"));
    LocalService service = LocalService.start(config, dataSource, bootstrap.getMetricRegistry(), bootstrap.getObjectMapper());
    try {
      new SearchBench(service.db().jdbi(), service.searching().search(), config.getSearch(),
          service.indexing().embedding().embedder(), System.out).run(options);
    } finally {
      service.stop();
    }
  }
}
