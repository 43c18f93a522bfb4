package app.collections.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /version}: which build answers, {@code {"commit":"<40 hex>","builtAt":"<ISO-8601>",
 * "version":"<project version>"}} ({@link BuildInfo}), so whoever deployed can see from outside,
 * without a token, that the new build is the one serving. Nothing in it is about a tenant. Not
 * cached: after a deploy the answer changes.
 */
@Path("/version")
public final class VersionResource {
  private final byte[] body;

  public VersionResource(BuildInfo build, ObjectMapper json) {
    try {
      this.body = json.writeValueAsBytes(build);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @GET
  public Response version() {
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }
}
