package app.collections.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a camelCase GraphQL field from a snake_case JSON object ({@code extractedText} from
 * {@code extracted_text}). For types that are views of stored JSON, such as the analysis' image
 * details: their shape is the vision model's, and a missing list reads as empty, never null.
 */
public final class JsonFieldFetcher implements DataFetcher<Object> {
  public static final JsonFieldFetcher INSTANCE = new JsonFieldFetcher();
  private static final Pattern UPPER = Pattern.compile("([A-Z])");

  private JsonFieldFetcher() {}

  @Override
  public Object get(DataFetchingEnvironment env) {
    JsonNode source = env.getSource();
    String key = UPPER.matcher(env.getField().getName()).replaceAll("_$1").toLowerCase(java.util.Locale.ROOT);
    JsonNode value = source == null ? null : source.get(key);
    GraphQLType type = GraphQLTypeUtil.unwrapNonNull(env.getFieldType());
    if (type instanceof GraphQLList) {
      List<String> values = new ArrayList<>();
      if (value != null && value.isArray()) {
        value.forEach(v -> {
          if (v.isValueNode() && !v.isNull()) {
            values.add(v.asText());
          }
        });
      }
      return values;
    }
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }
}
