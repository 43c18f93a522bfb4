package app.collections.graphql;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** The body of a GraphQL-over-HTTP POST ({@code extensions} and the like are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphqlRequest(String query, String operationName, Map<String, Object> variables) {
  public GraphqlRequest {
    variables = variables == null ? Map.of() : variables;
  }
}
