package app.collections.graphql;

import app.collections.paging.PageRequest;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.ExecutionContext;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.Map;

/**
 * What a document will make the server do, computed from the document alone before anything runs.
 * A field costs its own weight plus its children's cost times how many times they run: a list
 * field multiplies its children by its page size ({@code first}/{@code last}, or the field's
 * default), so {@code items(first: 100) { nodes { similar(first: 50) { … } } } } costs 100 × 50
 * times the hit's fields. Three measures, each with its own limit:
 * <ul>
 *   <li>{@code cost}: the work, in units of one field read from a row already fetched;</li>
 *   <li>{@code searches}: {@code search} and {@code similar} runs (each reads the vectors; an
 *       uncached query is an embedding call, paid in production);</li>
 *   <li>{@code modelCalls}: LLM calls at most (answers, AGENTIC, chat turns).</li>
 * </ul>
 * Introspection fields cost 1 each, unmultiplied: they read the in-memory schema, and
 * graphql-java's good-faith introspection check bounds their shape.
 */
final class QueryCost {
  /** Any field: one value from a row (or an object) already in hand. */
  static final int FIELD = 1;
  /**
   * {@code search}: BM25 and a vector read (HYBRID p95 4.4-7.8 ms on the benchmark's 1k tenant),
   * plus a query embedding when uncached (2-3 ms locally, a paid call in production): the work of
   * about 20 field reads, so 1,000 aliased searches (the 11-16 s request) cost 20,000.
   */
  static final int SEARCH = 20;
  /** {@code Item.similar}: one vector read for the item (batched per page, see SimilarLoader). */
  static final int SIMILAR = 5;
  /** {@code answer: true}: one LLM call over the hits (seconds, paid). */
  static final int ANSWER = 500;
  /** An agent turn (AGENTIC, sendChatMessage): up to maxToolCalls rounds of LLM and tool calls. */
  static final int AGENT_TURN = 2_000;
  /** Any other mutation: a few writes (and for uploads, an S3 call). */
  static final int MUTATION = 10;

  /** LLM calls an agent turn may make: the default maxToolCalls (6) tool rounds and the final reply. */
  static final int AGENT_TURN_MODEL_CALLS = 7;
  /** Searches an agent turn may run: one per tool round (AgentConfiguration's maxToolCalls, 6). */
  static final int AGENT_TURN_SEARCHES = 6;

  /** Page size of a connection without {@code first}/{@code last}: PageRequest's default. */
  static final int DEFAULT_PAGE = PageRequest.DEFAULT_SIZE;
  /** Multiplier of an unpaged list of objects: categories (8 fixed), cited items, steps, headers. */
  static final int UNPAGED_LIST = 10;
  /** {@code Item.analyses}: the version history; a re-analysis is a user's explicit act, so few. */
  static final int ANALYSES_PER_ITEM = 5;
  /** {@code ChatSession.messages}: the kept window (AgentConfiguration's historyMessages, 40). */
  static final int MESSAGES_PER_SESSION = 40;
  /**
   * The most a page-size argument counts for: the largest page a list serves (GraphqlLimits'
   * maxPageSize, 100). A larger {@code first} is the field's own BAD_USER_INPUT, not a cost error.
   */
  static final int MAX_MULTIPLIER = 100;
  /** Sums saturate here: a deep enough document would overflow an int and look cheap. */
  private static final int SATURATED = Integer.MAX_VALUE / 2;

  private QueryCost() {}

  /** The work of the operation the execution context is about to run. */
  static long cost(ExecutionContext context) {
    return measure(context, QueryCost::work);
  }

  /** The searches it would run. */
  static long searches(ExecutionContext context) {
    return measure(context, QueryCost::searchesOf);
  }

  /** The LLM calls it may make. */
  static long modelCalls(ExecutionContext context) {
    return measure(context, QueryCost::modelCallsOf);
  }

  private static long measure(ExecutionContext context, Weight weight) {
    FieldComplexityCalculator calculator = (env, children) -> {
      long own = weight.of(env);
      if (env.getField().getName().startsWith("__") || env.getParentType().getName().startsWith("__")) {
        return saturate(own + children);
      }
      return saturate(own + multiplier(env) * (long) children);
    };
    return QueryComplexityCalculator.newCalculator()
        .schema(context.getGraphQLSchema())
        .document(context.getDocument())
        .operationName(context.getOperationDefinition().getName())
        .variables(context.getCoercedVariables())
        .fieldComplexityCalculator(calculator)
        .build()
        .calculate();
  }

  private interface Weight {
    long of(FieldComplexityEnvironment env);
  }

  private static long work(FieldComplexityEnvironment env) {
    String parent = env.getParentType().getName();
    String name = env.getField().getName();
    if ("Query".equals(parent) && "search".equals(name)) {
      return SEARCH + (isAgentic(env) ? AGENT_TURN : 0) + (answers(env) ? ANSWER : 0);
    }
    if ("Item".equals(parent) && "similar".equals(name)) {
      return SIMILAR;
    }
    if ("Mutation".equals(parent)) {
      return "sendChatMessage".equals(name) ? AGENT_TURN : MUTATION;
    }
    return FIELD;
  }

  private static long searchesOf(FieldComplexityEnvironment env) {
    String parent = env.getParentType().getName();
    String name = env.getField().getName();
    if ("Query".equals(parent) && "search".equals(name)) {
      return isAgentic(env) ? AGENT_TURN_SEARCHES : 1;
    }
    if ("Item".equals(parent) && "similar".equals(name)) {
      return 1;
    }
    return "Mutation".equals(parent) && "sendChatMessage".equals(name) ? AGENT_TURN_SEARCHES : 0;
  }

  private static long modelCallsOf(FieldComplexityEnvironment env) {
    String parent = env.getParentType().getName();
    String name = env.getField().getName();
    if ("Query".equals(parent) && "search".equals(name)) {
      return (isAgentic(env) ? AGENT_TURN_MODEL_CALLS : 0) + (answers(env) ? 1 : 0);
    }
    return "Mutation".equals(parent) && "sendChatMessage".equals(name) ? AGENT_TURN_MODEL_CALLS : 0;
  }

  private static boolean isAgentic(FieldComplexityEnvironment env) {
    return "AGENTIC".equals(String.valueOf(env.getArguments().get("mode")));
  }

  private static boolean answers(FieldComplexityEnvironment env) {
    return Boolean.TRUE.equals(env.getArguments().get("answer"));
  }

  /** How many times a field's children run: its page size for a list, 1 otherwise. */
  static long multiplier(FieldComplexityEnvironment env) {
    GraphQLFieldDefinition definition = env.getFieldDefinition();
    GraphQLType type = GraphQLTypeUtil.unwrapNonNull(definition.getType());
    if (!GraphQLTypeUtil.isList(type)) {
      return 1;
    }
    String parent = env.getParentType().getName();
    String name = env.getField().getName();
    if (parent.endsWith("Connection") && ("edges".equals(name) || "nodes".equals(name))) {
      FieldComplexityEnvironment connection = env.getParentEnvironment();
      return connection == null ? DEFAULT_PAGE : pageSize(connection.getArguments(), DEFAULT_PAGE);
    }
    if ("Item".equals(parent) && "similar".equals(name)) {
      return pageSize(env.getArguments(), 5);
    }
    if ("Item".equals(parent) && "analyses".equals(name)) {
      return ANALYSES_PER_ITEM;
    }
    if ("ChatSession".equals(parent) && "messages".equals(name)) {
      return MESSAGES_PER_SESSION;
    }
    GraphQLOutputType element = (GraphQLOutputType) GraphQLTypeUtil.unwrapAll(type);
    return GraphQLTypeUtil.isLeaf(element) ? 1 : UNPAGED_LIST;
  }

  /** {@code first} or {@code last} as given (defaults are in the arguments), within [0, MAX_MULTIPLIER]. */
  private static long pageSize(Map<String, Object> arguments, int fallback) {
    Object first = arguments.get("first");
    Object last = arguments.get("last");
    Object size = first != null ? first : last;
    int n = size instanceof Number number ? number.intValue() : fallback;
    return Math.max(0, Math.min(n, MAX_MULTIPLIER));
  }

  private static int saturate(long value) {
    return (int) Math.min(value, SATURATED);
  }
}
