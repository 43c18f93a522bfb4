package app.collections.server.commands;

import app.collections.db.Migrations;

import app.collections.server.ServerConfiguration;
import app.collections.CollectionsConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.util.Arrays;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** {@code db migrate|info [config.yml]}: the schema's versioned migrations, run on purpose. */
public final class DbCommand extends ConfiguredCommand<ServerConfiguration> {
  public DbCommand() {
    super("db", "Apply (migrate) or list (info) the database migrations");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("action").choices("migrate", "info").help("migrate or info");
    super.configure(subparser);
  }

  @Override
  protected void run(Bootstrap<ServerConfiguration> bootstrap, Namespace namespace,
      ServerConfiguration serverConfig) throws Exception {
    CollectionsConfiguration configuration = serverConfig.collections();
    ManagedDataSource dataSource = configuration.getDatabase()
        .build(bootstrap.getMetricRegistry(), "migrations");
    try {
      Flyway flyway = Migrations.flyway(dataSource);
      if ("migrate".equals(namespace.getString("action"))) {
        var result = flyway.migrate();
        System.out.printf("Applied %d migration(s); schema is at version %s%n",
            result.migrationsExecuted, result.targetSchemaVersion == null
                ? flyway.info().current().getVersion() : result.targetSchemaVersion);
      } else {
        Arrays.stream(flyway.info().all()).map(DbCommand::describe).forEach(System.out::println);
      }
    } finally {
      dataSource.stop();
    }
  }

  private static String describe(MigrationInfo info) {
    return "%-6s %-40s %s".formatted(info.getVersion(), info.getDescription(), info.getState());
  }
}
