package app.collections.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff} on every answer of
 * /graphql and /dev-issuer, errors included: they hold presigned URLs, a tenant's data and tokens,
 * which no shared or browser cache may keep, and JSON no browser may sniff into HTML.
 */
public final class NoStoreFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    path = path.startsWith("/") ? path.substring(1) : path;
    if (path.equals("graphql") || path.startsWith("graphql/") || path.startsWith("dev-issuer")) {
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
      response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    }
  }
}
