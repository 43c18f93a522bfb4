package app.collections.graphql;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.util.List;

/** Which kind of operation a request would run, for the rule that GET never runs a mutation. */
public final class OperationTypes {
  private OperationTypes() {}

  /**
   * True when the operation the request selects is not a query. A document that does not parse,
   * or names no operation it has, is false here: the engine answers it with its own error.
   */
  public static boolean selectsNonQuery(String query, String operationName) {
    Document document;
    try {
      document = Parser.parse(query);
    } catch (RuntimeException e) {
      return false;
    }
    List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
    for (OperationDefinition operation : operations) {
      boolean selected = operationName == null ? operations.size() == 1 : operationName.equals(operation.getName());
      if (selected) {
        return operation.getOperation() != OperationDefinition.Operation.QUERY;
      }
    }
    return false;
  }
}
