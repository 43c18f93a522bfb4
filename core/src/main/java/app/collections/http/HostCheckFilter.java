package app.collections.http;

import app.collections.graphql.ErrorCode;
import app.collections.graphql.GraphqlEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Local mode's DNS rebinding defence: a page on another site can point its own host name at
 * 127.0.0.1 and then call the local server "same-origin", minting dev tokens and reading every
 * local tenant. Its requests carry its host name, so only loopback names (any port) and configured
 * ones are served; anything else gets 421 Misdirected Request before any resource runs.
 */
@PreMatching
@Priority(HostCheckFilter.PRIORITY)
public final class HostCheckFilter implements ContainerRequestFilter {
  /** Before every other filter (CORS among them): a rebinding request must get nothing at all. */
  static final int PRIORITY = 100;
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  private final Set<String> allowed;
  private final byte[] refusal;

  public HostCheckFilter(List<String> allowedHosts, ObjectMapper json) {
    Set<String> names = new HashSet<>(LOOPBACK);
    allowedHosts.forEach(h -> names.add(h.strip().toLowerCase(Locale.ROOT)));
    this.allowed = Set.copyOf(names);
    try {
      this.refusal = json.writeValueAsBytes(GraphqlEngine.errorResponse(ErrorCode.HOST_NOT_ALLOWED,
          "This server answers only to localhost, 127.0.0.1, [::1] and the host names it is configured with"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!allowed.contains(hostName(request.getHeaderString(HttpHeaders.HOST)))) {
      request.abortWith(Response.status(421).entity(refusal)
          .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build());
    }
  }

  /** The Host header's name without its port, lower case; "" when there is none. */
  static String hostName(String host) {
    if (host == null) {
      return "";
    }
    String value = host.strip().toLowerCase(Locale.ROOT);
    int end;
    if (value.startsWith("[")) {
      end = value.indexOf(']') + 1;
      if (end == 0) {
        return "";
      }
    } else {
      end = value.indexOf(':') < 0 ? value.length() : value.indexOf(':');
    }
    String name = value.substring(0, end);
    String rest = value.substring(end);
    if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) {
      return "";
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
