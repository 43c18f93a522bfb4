package app.collections.server;

import app.collections.CollectionsConfiguration;
import app.collections.assembly.Api;
import app.collections.assembly.Conversation;
import app.collections.auth.JwtVerifier;
import app.collections.local.auth.DevIssuer;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The local host's whole service: {@link LocalService}'s data features, the chat over DynamoDB or
 * dynalite, and the API with the dev issuer where the configuration turns it on. The application
 * serves it; tests that need the served schema build the same.
 *
 * @param managed what the host's lifecycle starts and stops, in order (the local servers, already
 *     started; the workers)
 */
public record LocalApi(LocalService service, Conversation conversation, Api api, Optional<DevIssuer> devIssuer,
    List<Managed> managed) {
  public static LocalApi start(CollectionsConfiguration config, DataSource dataSource, MetricRegistry metrics,
      ObjectMapper json) {
    LocalService service = LocalService.start(config, dataSource, metrics, json);
    List<Managed> managed = new ArrayList<>(service.managed());
    try {
      Conversation conversation = Conversation.create(config, service.db(), service.searching(),
          LocalParts.dynamoDb(config, managed));
      Optional<DevIssuer> devIssuer = LocalParts.devIssuer(config);
      Api api = Api.create(config, service.db(), service.processing(), service.searching(), conversation,
          JwtVerifier.create(config.getAuth(), devIssuer.map(DevIssuer::trustedIssuer).orElse(null)),
          devIssuer.isPresent(), json, metrics);
      return new LocalApi(service, conversation, api, devIssuer, List.copyOf(managed));
    } catch (RuntimeException e) {
      // dynalite missing, say: the S3 server already listens; the host never gets the list to stop.
      LocalService.stopQuietly(managed, e);
      throw e;
    }
  }

  /** Stops what {@link #start} started, last first. */
  public void stop() throws Exception {
    LocalService.stopAll(managed);
  }
}
