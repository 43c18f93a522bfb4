package app.collections.lambda;

import app.collections.CollectionsConfiguration;
import app.collections.db.Migrations;
import app.collections.json.Json;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.db.ManagedDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code db migrate} for production, run by hand after a deploy ({@code aws lambda invoke}, see
 * docs/deploy.md): the database is reachable only from inside the VPC, where this function runs
 * with the same configuration and secrets as the others. Answers what it applied.
 */
public final class MigrateHandler implements RequestStreamHandler {

  private final CollectionsConfiguration config;

  public MigrateHandler() {
    this(ApiHandler.loadConfiguration(ApiHandler.CONFIG_RESOURCE));
  }

  public MigrateHandler(CollectionsConfiguration config) {
    this.config = config;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    ManagedDataSource dataSource = config.getDatabase().build(new MetricRegistry(), "migrate");
    try {
      MigrateResult result = Migrations.migrate(dataSource);
      ObjectNode answer = Json.MAPPER.createObjectNode();
      answer.put("success", result.success);
      answer.put("migrationsExecuted", result.migrationsExecuted);
      answer.put("initialSchemaVersion", result.initialSchemaVersion);
      answer.put("targetSchemaVersion", result.targetSchemaVersion);
      Json.MAPPER.writeValue(output, answer);
    } finally {
      try {
        dataSource.stop();
      } catch (Exception e) {
        throw new IOException("closing the database pool failed", e);
      }
    }
  }
}
