package app.collections.server;

import app.collections.CollectionsConfiguration;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The Dropwizard host's configuration: Dropwizard's own sections (server, logging, metrics) and,
 * beside them at the top level of the same YAML, the service's ({@link CollectionsConfiguration},
 * which the Lambda host reads alone from lambda.yml).
 */
public class ServerConfiguration extends Configuration {
  @Valid @NotNull private CollectionsConfiguration collections = new CollectionsConfiguration();

  @JsonUnwrapped
  public CollectionsConfiguration collections() {
    return collections;
  }

  @JsonUnwrapped
  public void setCollections(CollectionsConfiguration collections) {
    this.collections = collections;
  }
}
