package app.collections.server.commands;

import app.collections.indexing.Reindexer;
import app.collections.pipeline.DerivedBackfill;

import app.collections.server.ServerConfiguration;
import app.collections.CollectionsConfiguration;
import app.collections.server.LocalService;
import app.collections.auth.Tenant;
import app.collections.db.Migrations;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.lifecycle.Managed;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code reindex [--user NAME] [--drop-old] CONFIG}: makes what items lack, and only that: the
 * derived images and capture facts of items from before the DERIVE step, then a vector of the
 * configured model for every indexed item without one (what a model switch needs). Safe to stop
 * and run again. {@code --drop-old} then deletes vectors of other models.
 */
public final class ReindexCommand extends LocalStoreCommand {
  public ReindexCommand() {
    super("reindex", "Makes the derived images and the vectors of the configured model that items lack");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--user").help("only this user's items");
    subparser.addArgument("--drop-old").action(Arguments.storeTrue()).help("delete vectors of other models afterwards");
  }

  @Override
  protected void run(Bootstrap<ServerConfiguration> bootstrap, Namespace ns, ServerConfiguration serverConfig)
      throws Exception {
    CollectionsConfiguration config = serverConfig.collections();
    var dataSource = config.getDatabase().build(bootstrap.getMetricRegistry(), "reindex");
    if (config.isMigrateOnStart()) {
      Migrations.migrate(dataSource);
    }
    LocalService service = LocalService.start(config, dataSource, bootstrap.getMetricRegistry(), bootstrap.getObjectMapper());
    try {
      DerivedBackfill backfill = new DerivedBackfill(service.db().jdbi(), service.processing().derive());
      List<String> lacking = ns.getString("user") != null ? List.of(ns.getString("user")) : backfill.tenantsLacking();
      for (String id : lacking) {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Derived images").setStyle(ProgressBarStyle.ASCII)
            .continuousUpdate().build()) {
          DerivedBackfill.Progress made = backfill.run(new Tenant(id), () -> true, bar::stepBy);
          if (made.failed() > 0) {
            System.out.printf("%d item(s) whose image cannot be read kept no derived images (see the log)%n",
                made.failed());
          }
        }
      }
      Reindexer reindexer = new Reindexer(service.db().jdbi(), service.indexing().embedding());
      String model = reindexer.model();
      List<String> tenants = ns.getString("user") != null ? List.of(ns.getString("user")) : reindexer.tenantsMissing();
      long total = tenants.stream().mapToLong(t -> reindexer.countMissing(new Tenant(t))).sum();
      System.out.printf("%d item(s) of %d user(s) to embed with %s%n", total, tenants.size(), model);
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Embedding").setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build()) {
        for (String id : tenants) {
          Tenant tenant = new Tenant(id);
          reindexer.embedMissing(tenant, () -> true, bar::stepBy);
          if (ns.getBoolean("drop_old")) {
            reindexer.dropOtherModels(tenant);
          }
        }
      }
    } finally {
      service.stop();
    }
  }
}
