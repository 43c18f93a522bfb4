package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.CollectionsConfiguration;
import app.collections.testing.TestDatabase;
import io.dropwizard.jersey.validation.Validators;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Lambda hosts read lambda.yml without Bean Validation (Hibernate Validator's bootstrap was a
 * large part of the cold start): the packaged file, filled with the environment the stack gives
 * the functions, is validated here instead, with the validator Dropwizard would have used.
 */
class LambdaConfigurationTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  void thePackagedConfigurationIsValidWithTheStacksEnvironment() {
    CollectionsConfiguration config = ProductionConfig.load(db, Map.of("JOBS_QUEUE_URL", "https://sqs.example/q"));
    assertThat(Validators.newValidator().validate(config)).isEmpty();
  }

  @Test
  void aViolationIsSeenByTheValidator() {
    // Proves the check above can fail: a pool of zero connections breaks a constraint.
    CollectionsConfiguration config = ProductionConfig.load(db, Map.of());
    config.getDatabase().setMaxSize(0);
    assertThat(Validators.newValidator().validate(config)).isNotEmpty();
  }
}
