package app.collections.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * Applies the database migrations when an operator invokes it after a deploy (docs/deploy.md):
 * the database admits only the functions' security group, so this is the way in that needs no
 * bastion host. Nothing triggers it on its own.
 */
final class Migrator extends Construct {
  static final String HANDLER = "app.collections.lambda.MigrateHandler::handleRequest";

  private final Function function;

  Migrator(Construct scope, String id, ServiceFunctions functions) {
    super(scope, id);
    this.function = functions.builder(this, "Handler", HANDLER, Map.of())
        .description("Collections: apply database migrations (invoke by hand)")
        .memorySize(1024)
        .timeout(Duration.minutes(5))
        // Invoked synchronously by a person: never run a migration twice on its own.
        .retryAttempts(0)
        .build();
  }

  Function function() {
    return function;
  }
}
