package app.collections;

import app.collections.auth.TokenCommand;
import app.collections.db.DatabaseHealthCheck;
import app.collections.db.DbCommand;
import app.collections.db.Migrations;
import app.collections.embeddings.ReindexCommand;
import app.collections.http.RequestContextFilter;
import app.collections.metrics.PrometheusServlet;
import app.collections.prototype.ImportPrototypeCommand;
import app.collections.search.EvalCommand;
import app.collections.search.bench.BenchCommand;
import app.collections.uploads.ImportCommand;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local host: Dropwizard serving the resources {@link Wiring} builds, plus commands. */
public final class CollectionsApplication extends Application<CollectionsConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(CollectionsApplication.class);

  public static void main(String[] args) throws Exception {
    new CollectionsApplication().run(args);
  }

  @Override
  public String getName() {
    return "collections";
  }

  @Override
  public void initialize(Bootstrap<CollectionsConfiguration> bootstrap) {
    // ${VAR:-default} in YAML, so one file serves every machine.
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new DbCommand());
    bootstrap.addCommand(new TokenCommand());
    bootstrap.addCommand(new ImportCommand());
    bootstrap.addCommand(new EvalCommand());
    bootstrap.addCommand(new BenchCommand());
    bootstrap.addCommand(new ReindexCommand());
    bootstrap.addCommand(new ImportPrototypeCommand());
  }

  @Override
  public void run(CollectionsConfiguration config, Environment environment) {
    ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "postgres");
    environment.lifecycle().manage(dataSource);
    if (config.isMigrateOnStart()) {
      var result = Migrations.migrate(dataSource);
      LOG.info("Database migrated: {} migration(s) applied, schema at version {}",
          result.migrationsExecuted, result.targetSchemaVersion);
    }
    Wiring wiring = new Wiring(config, dataSource, environment.metrics(), environment.getObjectMapper());
    wiring.resources().forEach(environment.jersey()::register);
    wiring.filters().forEach(environment.jersey()::register);
    // Jetty's request log already has a line per request; this adds the trace and clears the MDC.
    environment.jersey().register(new RequestContextFilter(false));
    environment.admin().addServlet("prometheus", new PrometheusServlet(environment.metrics()))
        .addMapping(PrometheusServlet.PATH);
    wiring.managed().forEach(environment.lifecycle()::manage);
    environment.healthChecks().register("postgres", new DatabaseHealthCheck(wiring.jdbi()));
  }
}
