package app.collections.lambda;

import app.collections.CollectionsConfiguration;
import app.collections.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;

/** lambda.yml as packaged, with the environment the infra stack gives the functions. */
public final class ProductionConfig {
  private ProductionConfig() {}

  public static CollectionsConfiguration load(TestDatabase db, Map<String, String> extraEnv) {
    String hostPortDb = db.url().substring("jdbc:postgresql://".length());
    Map<String, String> env = new HashMap<>(Map.of(
        "DB_HOST", hostPortDb.substring(0, hostPortDb.indexOf(':')),
        "DB_PORT", hostPortDb.substring(hostPortDb.indexOf(':') + 1, hostPortDb.indexOf('/')),
        "DB_NAME", hostPortDb.substring(hostPortDb.indexOf('/') + 1),
        "DB_USER", db.user(), "DB_PASSWORD", db.password(),
        "COGNITO_REGION", "eu-west-1", "COGNITO_USER_POOL_ID", "eu-west-1_Test",
        "COGNITO_CLIENT_IDS", "client-a, client-b",
        "IMAGES_BUCKET", "collections-images", "CHAT_TABLE", "collections-chat"));
    env.put("VOYAGE_API_KEY", "voyage-test");
    env.putAll(extraEnv);
    StringSubstitutor substitutor = new StringSubstitutor(env);
    substitutor.setEnableUndefinedVariableException(true);
    CollectionsConfiguration config = ApiHandler.loadConfiguration(ApiHandler.CONFIG_RESOURCE, substitutor);
    // Local PostgreSQL has no TLS.
    config.getDatabase().setUrl(config.getDatabase().getUrl().replace("sslmode=require", "sslmode=disable"));
    return config;
  }
}
