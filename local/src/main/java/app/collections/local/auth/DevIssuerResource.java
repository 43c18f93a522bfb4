package app.collections.local.auth;

import app.collections.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The dev issuer over HTTP: its JWKS, and tokens for any user name (the playground's "Get a dev
 * token" button). It hands out tokens to anyone who asks, so the local host registers it only when
 * {@code auth.devIssuer.enabled} is set — local mode, never production.
 */
@Path("/dev-issuer")
@Produces(MediaType.APPLICATION_JSON)
public final class DevIssuerResource {
  private final DevIssuer issuer;

  public DevIssuerResource(DevIssuer issuer) {
    this.issuer = issuer;
  }

  @GET
  @Path(".well-known/jwks.json")
  public String jwks() {
    // JWKSet.toString() writes public keys only.
    return issuer.publicJwks().toString();
  }

  @POST
  @Path("token")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response token(@FormParam("user") String user) {
    if (!DevIssuer.isValidUserName(user)) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(write(Map.of("error", "user must be 1 to 64 letters, digits, or . _ @ -")))
          .build();
    }
    return Response.ok(write(Map.of(
        "token", issuer.mint(user),
        "tokenType", "Bearer",
        "expiresIn", issuer.lifetime().toSeconds()))).build();
  }

  private static String write(Map<String, Object> body) {
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
