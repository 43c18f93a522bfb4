package app.collections.graphql;

import graphql.ErrorType;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.ExecutionResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses, after validation and before any data fetcher (so before any SQL, embedding or model
 * call), a document that is too deep or would cost more than the limits (see {@link QueryCost}).
 *
 * <p>Depth counts only the fields outside introspection: the tools' own introspection queries are
 * 13 (GraphiQL) to 15 (graphql-js) levels deep, all of it {@code ofType} of the in-memory schema,
 * and graphql-java's good-faith introspection check already bounds those subtrees (one
 * {@code __schema}, {@code __type} nesting, 500 fields). A document's data fields stay bounded.
 */
final class QueryBudget extends SimplePerformantInstrumentation {
  private final GraphqlLimits limits;

  QueryBudget(GraphqlLimits limits) {
    this.limits = limits;
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    ExecutionContext context = parameters.getExecutionContext();
    RequestTimeouts.Deadline deadline = context.getGraphQLContext().get(RequestTimeouts.Deadline.class);
    if (deadline != null) {
      deadline.operationIs(context.getOperationDefinition().getOperation());
    }
    Traversal traversal = traverse(context);
    if (traversal.badArgument() != null) {
      throw refusal(ErrorCode.BAD_USER_INPUT, traversal.badArgument(), Map.of());
    }
    int depth = traversal.depth();
    if (depth > limits.getMaxDepth()) {
      throw refusal(ErrorCode.GRAPHQL_VALIDATION_FAILED,
          "The query is " + depth + " fields deep; the maximum query depth is " + limits.getMaxDepth()
              + " (introspection fields do not count)",
          Map.of("depth", depth, "limit", limits.getMaxDepth()));
    }
    // One walk of the document each, in turn: a refused document is not walked for the others.
    check("cost", QueryCost.cost(context), limits.getMaxCost(), "ask for fewer fields or smaller pages (first/last)");
    check("searches", QueryCost.searches(context), limits.getMaxSearches(),
        "search and similar count once per item they run for; split the request");
    check("modelCalls", QueryCost.modelCalls(context), limits.getMaxModelCalls(),
        "answers, AGENTIC searches and chat turns call a model; send them in separate requests");
    return super.beginExecuteOperation(parameters, state);
  }

  private static void check(String measure, long value, long limit, String advice) {
    if (value > limit) {
      Map<String, Object> extensions = new LinkedHashMap<>();
      extensions.put("measure", measure);
      extensions.put("cost", value);
      extensions.put("limit", limit);
      throw refusal(ErrorCode.QUERY_TOO_COSTLY,
          "The query's " + measure + " is " + value + ", over the limit of " + limit + ": " + advice,
          extensions);
    }
  }

  private static AbortExecutionException refusal(ErrorCode code, String message, Map<String, Object> details) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("code", code.name());
    extensions.putAll(details);
    return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
        .message(message)
        .errorType(ErrorType.ValidationError)
        .extensions(extensions)
        .build()));
  }

  /** What one walk over the operation's fields finds: its data depth and the first bad argument. */
  private record Traversal(int depth, String badArgument) {}

  /**
   * The deepest chain of fields, not counting introspection ({@code __schema}, {@code __type})
   * subtrees; and the first argument value the database could not hold (see {@link InputChecks}).
   */
  private static Traversal traverse(ExecutionContext context) {
    return QueryTraverser.newQueryTraverser()
        .schema(context.getGraphQLSchema())
        .document(context.getDocument())
        .operationName(context.getOperationDefinition().getName())
        .coercedVariables(context.getCoercedVariables())
        .build()
        .reducePreOrder((env, found) -> new Traversal(Math.max(found.depth(), dataDepth(env)),
            found.badArgument() != null ? found.badArgument() : InputChecks.problem(env)), new Traversal(0, null));
  }

  private static int dataDepth(QueryVisitorFieldEnvironment env) {
    int depth = 0;
    for (QueryVisitorFieldEnvironment at = env; at != null; at = at.getParentEnvironment()) {
      String name = at.getField().getName();
      if ("__schema".equals(name) || "__type".equals(name)) {
        return 0;
      }
      depth++;
    }
    return depth;
  }
}
