package app.collections.graphql;

import app.collections.auth.Tenant;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.dataloader.DataLoaderRegistry;

/**
 * One feature's part of the schema: its data fetchers, its per-request data loaders (bound to the
 * request's tenant), and the node types it can look up by global id.
 */
public interface GraphqlFeature {

  void wire(RuntimeWiring.Builder wiring);

  default void registerLoaders(Tenant tenant, DataLoaderRegistry registry) {}

  /** Global-id type name to lookup; used by {@code node(id:)}. */
  default Map<String, BiFunction<Tenant, UUID, Object>> nodeLookups() {
    return Map.of();
  }
}
