package app.collections.lambda;

import app.collections.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The variables lambda.yml reads: the function's environment first, then the Secrets Manager
 * secrets that the environment names, so that no password or API key sits in the function's
 * configuration (where anyone who can read the function can see it). {@code DB_SECRET_ARN} names
 * RDS's generated secret ({@code username, password, host, port, dbname});
 * {@code PROVIDER_SECRET_ARN} a JSON object keyed by the variables themselves. Each secret is
 * fetched once, when the first of its variables is asked for (during init, so SnapStart keeps it).
 */
public final class SecretsEnvironment implements StringLookup {
  static final String DB_SECRET = "DB_SECRET_ARN";
  static final String PROVIDER_SECRET = "PROVIDER_SECRET_ARN";
  private static final Map<String, String> DB_FIELDS = Map.of(
      "DB_HOST", "host", "DB_PORT", "port", "DB_NAME", "dbname", "DB_USER", "username", "DB_PASSWORD", "password");
  private static final Set<String> PROVIDER_KEYS = Set.of(
      "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "VOYAGE_API_KEY", "TAVILY_API_KEY");

  private final Function<String, String> environment;
  private final Function<String, String> fetchSecret;
  private final Map<String, JsonNode> secrets = new HashMap<>();

  /** @param fetchSecret a secret's id to its secret string */
  public SecretsEnvironment(Function<String, String> environment, Function<String, String> fetchSecret) {
    this.environment = environment;
    this.fetchSecret = fetchSecret;
  }

  public static SecretsEnvironment fromSystem() {
    return new SecretsEnvironment(System::getenv, SecretsEnvironment::fromSecretsManager);
  }

  /** {@code ${VAR}} and {@code ${VAR:-default}} from here; a variable with no value and no default fails. */
  public StringSubstitutor substitutor() {
    StringSubstitutor substitutor = new StringSubstitutor(this);
    substitutor.setEnableUndefinedVariableException(true);
    return substitutor;
  }

  @Override
  public String lookup(String name) {
    String value = environment.apply(name);
    if (value != null) {
      return value;
    }
    if (DB_FIELDS.containsKey(name)) {
      return field(DB_SECRET, DB_FIELDS.get(name));
    }
    if (PROVIDER_KEYS.contains(name)) {
      return field(PROVIDER_SECRET, name);
    }
    return null;
  }

  private String field(String secretVariable, String field) {
    String secretId = environment.apply(secretVariable);
    if (secretId == null || secretId.isBlank()) {
      return null;
    }
    JsonNode value = secrets.computeIfAbsent(secretId, this::fetch).get(field);
    // The stack creates the provider secret with empty values: empty is unset, so ${VAR:-} applies.
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  private JsonNode fetch(String secretId) {
    String text = fetchSecret.apply(secretId);
    try {
      JsonNode secret = text == null ? null : Json.MAPPER.readTree(text);
      if (secret != null && secret.isObject()) {
        return secret;
      }
    } catch (JsonProcessingException e) {
      // Not chained: the parser's message quotes the secret.
    }
    throw new IllegalStateException("secret " + secretId + " is not a JSON object");
  }

  private static String fromSecretsManager(String secretId) {
    try (SecretsManagerClient client = SecretsManagerClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      return client.getSecretValue(r -> r.secretId(secretId)).secretString();
    }
  }
}
