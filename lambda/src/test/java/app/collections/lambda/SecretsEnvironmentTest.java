package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.CollectionsConfiguration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda functions' variables as the infra stack sets them: names in the environment, values in secrets. */
class SecretsEnvironmentTest {
  private static final String DB_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
  private static final String PROVIDER_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:providers-GhIjKl";
  private static final String RDS_SECRET = """
      {"engine":"postgres","host":"db.abc.eu-west-1.rds.amazonaws.com","port":5432,"dbname":"collections",
       "username":"collections","password":"s3cr3t-from-rds"}""";

  private final Map<String, String> env = new HashMap<>();
  private final Map<String, String> secretStore = new HashMap<>(Map.of(DB_ARN, RDS_SECRET,
      PROVIDER_ARN, "{\"ANTHROPIC_API_KEY\":\"test-anthropic-key-1\",\"OPENAI_API_KEY\":\"\",\"VOYAGE_API_KEY\":\"pa-voyage-1\",\"TAVILY_API_KEY\":\"\"}"));
  private final List<String> fetched = new ArrayList<>();
  private final SecretsEnvironment lookup = new SecretsEnvironment(env::get, id -> {
    fetched.add(id);
    return secretStore.get(id);
  });

  @Test
  void readsTheDatabaseFieldsFromRdsSecretFetchingItOnce() {
    env.put("DB_SECRET_ARN", DB_ARN);

    assertThat(lookup.lookup("DB_PASSWORD")).isEqualTo("s3cr3t-from-rds");
    assertThat(lookup.lookup("DB_USER")).isEqualTo("collections");
    assertThat(lookup.lookup("DB_HOST")).isEqualTo("db.abc.eu-west-1.rds.amazonaws.com");
    assertThat(lookup.lookup("DB_PORT")).isEqualTo("5432");
    assertThat(fetched).containsExactly(DB_ARN);
  }

  @Test
  void theEnvironmentWinsAndNeedsNoSecret() {
    env.put("DB_SECRET_ARN", DB_ARN);
    env.put("DB_HOST", "proxy.internal");

    assertThat(lookup.lookup("DB_HOST")).isEqualTo("proxy.internal");
    assertThat(lookup.lookup("IMAGES_BUCKET")).isNull();
    assertThat(fetched).isEmpty();
  }

  @Test
  void anEmptyProviderKeyIsUnsetSoItsDefaultApplies() {
    env.put("PROVIDER_SECRET_ARN", PROVIDER_ARN);

    assertThat(lookup.lookup("ANTHROPIC_API_KEY")).isEqualTo("test-anthropic-key-1");
    assertThat(lookup.lookup("OPENAI_API_KEY")).isNull();
    assertThat(lookup.substitutor().replace("[${OPENAI_API_KEY:-}]")).isEqualTo("[]");
  }

  @Test
  void withoutASecretArnAMissingVariableStaysMissing() {
    assertThat(lookup.lookup("DB_PASSWORD")).isNull();
    assertThatThrownBy(() -> lookup.substitutor().replace("${DB_PASSWORD}")).hasMessageContaining("DB_PASSWORD");
    assertThat(fetched).isEmpty();
  }

  @Test
  void aSecretThatIsNotJsonFailsWithoutQuotingIt() {
    env.put("DB_SECRET_ARN", DB_ARN);
    secretStore.put(DB_ARN, "hunter2-plain");

    assertThatThrownBy(() -> lookup.lookup("DB_PASSWORD"))
        .hasMessageContaining(DB_ARN).hasMessageNotContaining("hunter2");
  }

  @Test
  void fillsLambdaYmlFromTheStacksEnvironment() {
    env.putAll(Map.of("DB_SECRET_ARN", DB_ARN, "PROVIDER_SECRET_ARN", PROVIDER_ARN,
        "COGNITO_REGION", "eu-west-1", "COGNITO_USER_POOL_ID", "eu-west-1_Test", "COGNITO_CLIENT_IDS", "client-a",
        "IMAGES_BUCKET", "collections-images", "AWS_REGION", "eu-west-1", "CHAT_TABLE", "collections-chat"));

    CollectionsConfiguration config = ApiHandler.loadConfiguration(ApiHandler.CONFIG_RESOURCE, lookup.substitutor());

    assertThat(config.getDatabase().getUrl())
        .isEqualTo("jdbc:postgresql://db.abc.eu-west-1.rds.amazonaws.com:5432/collections?sslmode=require");
    assertThat(config.getDatabase().getUser()).isEqualTo("collections");
    assertThat(config.getDatabase().getPassword()).isEqualTo("s3cr3t-from-rds");
    assertThat(config.getVision().getAnthropic().getApiKey()).isEqualTo("test-anthropic-key-1");
    assertThat(config.getVision().getOpenai().getApiKey()).isNullOrEmpty();
    assertThat(config.getEmbeddings().getVoyageApiKey()).isEqualTo("pa-voyage-1");
    assertThat(fetched).containsExactlyInAnyOrder(DB_ARN, PROVIDER_ARN);
  }
}
