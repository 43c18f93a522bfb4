package app.collections.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /health}, for uptime checks and load balancers: 200 {@code {"status":"ok","database":"ok"}}
 * when PostgreSQL answers, which every request needs, else 503 with
 * {@code {"status":"unavailable","database":"unreachable|timeout|error"}}. Public on purpose: a
 * checker has no token, and with no tenant there is nothing to rate-limit (the limits and the token
 * check belong to /graphql alone), so it says nothing about any tenant, no counts, no versions. The
 * database is asked at most once a second whatever the traffic ({@link DatabaseProbe}); no cache
 * may keep the answer, which is only true now. The Dropwizard admin port's /healthcheck is the
 * operator's, with more detail; this one is the application port's, and the only one on Lambda.
 */
@Path("/health")
public final class HealthResource {
  static final String OK = "ok";
  static final String UNAVAILABLE = "unavailable";

  /** The answer's body (public: Jackson's Afterburner, in the shared mapper, cannot read a private type). */
  public record Health(String status, String database) {}

  private final DatabaseProbe database;
  private final ObjectMapper json;

  public HealthResource(DatabaseProbe database, ObjectMapper json) {
    this.database = database;
    this.json = json;
  }

  @GET
  public Response health() throws JsonProcessingException {
    DatabaseProbe.Check check = database.check();
    Health health = new Health(check.ok() ? OK : UNAVAILABLE, check.database());
    return Response.status(check.ok() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
        .entity(json.writeValueAsBytes(health))
        .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }
}
