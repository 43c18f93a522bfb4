package app.collections.infra;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The model and search providers' API keys, one JSON secret keyed by the variable names the
 * service reads. Created with empty values for an operator to fill (docs/deploy.md): CloudFormation
 * writes the value only when this template's value changes, so later deploys keep what was filled
 * in, as long as this list of keys stays the same.
 */
final class ProviderKeys extends Construct {
  static final List<String> KEYS = List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "VOYAGE_API_KEY", "TAVILY_API_KEY");

  private final Secret secret;

  ProviderKeys(Construct scope, String id) {
    super(scope, id);
    Map<String, SecretValue> empty = KEYS.stream()
        .collect(Collectors.toMap(key -> key, key -> SecretValue.unsafePlainText("")));
    this.secret = Secret.Builder.create(this, "Secret")
        .description("Collections: provider API keys (JSON; fill in the values)")
        .secretObjectValue(empty)
        .build();
  }

  ISecret secret() {
    return secret;
  }
}
