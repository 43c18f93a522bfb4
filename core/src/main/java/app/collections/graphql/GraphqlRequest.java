package app.collections.graphql;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A GraphQL-over-HTTP request, from a POST body or a GET's query string (the HTTP edge's GraphqlRequestReader).
 * {@code query} is null only when {@code extensions.persistedQuery} names a stored document.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphqlRequest(String query, String operationName, Map<String, Object> variables,
    Map<String, Object> extensions) {
  public GraphqlRequest {
    variables = variables == null ? Map.of() : variables;
    extensions = extensions == null ? Map.of() : extensions;
  }

  public GraphqlRequest(String query, String operationName, Map<String, Object> variables) {
    this(query, operationName, variables, Map.of());
  }

  public GraphqlRequest withQuery(String document) {
    return new GraphqlRequest(document, operationName, variables, extensions);
  }
}
