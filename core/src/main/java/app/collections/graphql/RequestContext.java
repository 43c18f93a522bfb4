package app.collections.graphql;

import app.collections.auth.Tenant;
import graphql.schema.DataFetchingEnvironment;

/** What a data fetcher may know about the request: only the authenticated tenant. */
public final class RequestContext {
  private RequestContext() {}

  public static Tenant tenant(DataFetchingEnvironment env) {
    Tenant tenant = env.getGraphQlContext().get(Tenant.class);
    if (tenant == null) {
      // Unreachable through the resource, which authenticates first; fail closed regardless.
      throw new IllegalStateException("no tenant in the GraphQL context");
    }
    return tenant;
  }
}
