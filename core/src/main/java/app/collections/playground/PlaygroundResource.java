package app.collections.playground;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GraphiQL at {@code /graphiql}, with every asset served from the jar (WebJars), so the playground
 * works offline and on Lambda alike. Only the listed assets are served: no path reaches the
 * classpath from a request.
 */
@Path("/graphiql")
public final class PlaygroundResource {
  private static final String WEBJARS = "/META-INF/resources/webjars/";
  private static final Map<String, Asset> ASSETS = Map.of(
      "graphiql.min.js", new Asset(WEBJARS + "graphiql/2.4.7/graphiql.min.js", "text/javascript"),
      "graphiql.min.css", new Asset(WEBJARS + "graphiql/2.4.7/graphiql.min.css", "text/css"),
      "react.production.min.js", new Asset(WEBJARS + "react/18.3.1/umd/react.production.min.js", "text/javascript"),
      "react-dom.production.min.js", new Asset(WEBJARS + "react-dom/18.3.1/umd/react-dom.production.min.js", "text/javascript"));
  // The page's own script is inline; nothing may be loaded from, or sent to, another origin.
  private static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
      + "connect-src 'self'; frame-ancestors 'none'";

  private final String page;

  /** With the dev issuer on, the page offers to fetch a dev token; otherwise it asks for one. */
  public PlaygroundResource(boolean devIssuerEnabled) {
    this.page = new String(read("/app/collections/playground/graphiql.html"), StandardCharsets.UTF_8)
        .replace("{{DEV_ISSUER}}", Boolean.toString(devIssuerEnabled));
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page() {
    return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  @GET
  @Path("assets/{name}")
  public Response asset(@PathParam("name") String name) {
    Asset asset = ASSETS.get(name);
    if (asset == null) {
      throw new NotFoundException();
    }
    CacheControl cache = new CacheControl();
    cache.setMaxAge(86_400);
    return Response.ok(read(asset.path()), asset.type() + "; charset=utf-8")
        .cacheControl(cache)
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  private static byte[] read(String path) {
    try (InputStream in = PlaygroundResource.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Asset(String path, String type) {}
}
