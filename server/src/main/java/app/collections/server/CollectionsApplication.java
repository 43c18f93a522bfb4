package app.collections.server;

import app.collections.http.RequestContextFilter;
import app.collections.json.Json;

import app.collections.CollectionsConfiguration;
import app.collections.db.Migrations;
import app.collections.local.auth.DevIssuerResource;
import app.collections.server.commands.BenchCommand;
import app.collections.server.commands.BenchImagesCommand;
import app.collections.server.commands.DbCommand;
import app.collections.server.commands.EvalCommand;
import app.collections.server.commands.ImportCommand;
import app.collections.server.commands.ImportPrototypeCommand;
import app.collections.server.commands.ReindexCommand;
import app.collections.server.commands.TokenCommand;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local host: Dropwizard serving core's features over the local stand-ins, plus commands. The
 * assembly is the flat list below, in dependency order; the Lambda handlers list theirs.
 */
public final class CollectionsApplication extends Application<ServerConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(CollectionsApplication.class);

  public static void main(String[] args) throws Exception {
    new CollectionsApplication().run(args);
  }

  @Override
  public String getName() {
    return "collections";
  }

  @Override
  public void initialize(Bootstrap<ServerConfiguration> bootstrap) {
    // The process's one mapper is also Jersey's (Dropwizard copies it to read the configuration).
    bootstrap.setObjectMapper(Json.MAPPER);
    // ${VAR:-default} in YAML, so one file serves every machine.
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new DbCommand());
    bootstrap.addCommand(new TokenCommand());
    bootstrap.addCommand(new ImportCommand());
    bootstrap.addCommand(new EvalCommand());
    bootstrap.addCommand(new BenchCommand());
    bootstrap.addCommand(new BenchImagesCommand());
    bootstrap.addCommand(new ReindexCommand());
    bootstrap.addCommand(new ImportPrototypeCommand());
  }

  @Override
  public void run(ServerConfiguration serverConfig, Environment environment) {
    CollectionsConfiguration config = serverConfig.collections();
    ServerTracing.install(System.getenv(ServerTracing.VARIABLE)).ifPresent(environment.lifecycle()::manage);
    ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "postgres");
    environment.lifecycle().manage(dataSource);
    if (config.isMigrateOnStart()) {
      var result = Migrations.migrate(dataSource);
      LOG.info("Database migrated: {} migration(s) applied, schema at version {}",
          result.migrationsExecuted, result.targetSchemaVersion);
    }
    LocalApi local = LocalApi.start(config, dataSource, environment.metrics(), environment.getObjectMapper());
    local.api().resources().forEach(environment.jersey()::register);
    local.api().filters().forEach(environment.jersey()::register);
    // Mints tokens for anyone who asks: it exists only where the configuration turns it on.
    local.devIssuer().ifPresent(issuer -> environment.jersey().register(new DevIssuerResource(issuer)));
    local.managed().forEach(environment.lifecycle()::manage);
    // Jetty's request log already has a line per request; this adds the trace and clears the MDC.
    environment.jersey().register(new RequestContextFilter(false));
    environment.admin().addServlet("prometheus", new PrometheusServlet(environment.metrics()))
        .addMapping(PrometheusServlet.PATH);
    environment.healthChecks().register("postgres", new DatabaseHealthCheck(local.service().db().jdbi()));
  }
}
