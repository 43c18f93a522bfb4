package app.collections.graphql;

import app.collections.paging.GlobalId;

import app.collections.auth.Tenant;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.introspection.GoodFaithIntrospection;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.dataloader.DataLoaderRegistry;

/**
 * The executable schema: {@code schema.graphqls} from the classpath (packaged from the repository
 * root) wired to the features' data fetchers, with depth and cost limits checked before execution
 * ({@link QueryBudget}) and a wall-clock limit on it ({@link RequestTimeouts}). One per process.
 */
public final class GraphqlEngine {
  public static final String SCHEMA_RESOURCE = "/schema.graphqls";

  private final GraphQL graphql;
  private final List<GraphqlFeature> features;
  private final RequestTimeouts timeouts;

  public GraphqlEngine(List<GraphqlFeature> features, GraphqlLimits limits) {
    this(features, limits, List.of());
  }

  /**
   * {@code after} run after the limits (the rate limiter): a document the limits refuse takes no
   * tokens.
   */
  public GraphqlEngine(List<GraphqlFeature> features, GraphqlLimits limits, List<Instrumentation> after) {
    this.features = List.copyOf(features);
    GraphQLSchema schema = buildSchema(this.features);
    List<Instrumentation> instrumentations = new ArrayList<>(List.of(new QueryBudget(limits)));
    instrumentations.addAll(after);
    this.graphql = GraphQL.newGraphQL(schema)
        .defaultDataFetcherExceptionHandler(new ApiExceptionHandler())
        .instrumentation(new ChainedInstrumentation(instrumentations))
        .build();
    this.timeouts = new RequestTimeouts(limits);
  }

  public GraphQLSchema schema() {
    return graphql.getGraphQLSchema();
  }

  /** Runs one request for one tenant; returns the response in the GraphQL spec's shape. */
  public Map<String, Object> execute(Tenant tenant, GraphqlRequest request) {
    DataLoaderRegistry loaders = new DataLoaderRegistry();
    features.forEach(f -> f.registerLoaders(tenant, loaders));
    RequestTimeouts.Deadline deadline = timeouts.start();
    ExecutionInput input = ExecutionInput.newExecutionInput()
        .query(request.query())
        .operationName(request.operationName())
        .variables(request.variables())
        .graphQLContext(Map.of(Tenant.class, tenant, RequestTimeouts.Deadline.class, deadline))
        .dataLoaderRegistry(loaders)
        .build();
    ExecutionResult result = timeouts.run(input, deadline, () -> graphql.execute(input));
    Map<String, Object> response = new LinkedHashMap<>(result.toSpecification());
    if (!result.getErrors().isEmpty()) {
      response.put("errors", result.getErrors().stream().map(GraphqlEngine::withCode).toList());
    }
    return response;
  }

  /** Every error leaves with a code; the engine's own (parse, validation, limits) get one here. */
  private static Map<String, Object> withCode(GraphQLError error) {
    Map<String, Object> spec = new LinkedHashMap<>(error.toSpecification());
    Map<String, Object> extensions = new HashMap<>();
    if (error.getExtensions() != null) {
      extensions.putAll(error.getExtensions());
    }
    extensions.putIfAbsent("code", codeOf(error).name());
    // graphql-java adds its classification; clients get our code instead.
    extensions.remove("classification");
    spec.remove("extensions");
    spec.put("extensions", extensions);
    return spec;
  }

  private static ErrorCode codeOf(GraphQLError error) {
    ErrorClassification type = error.getErrorType();
    // graphql-java's good-faith introspection check: the document is refused. (Its document-size
    // checks reach us as ValidationErrors, below: Validator turns its internal
    // QueryComplexityLimitsExceeded into one, so that class is not tested here.)
    if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
      return ErrorCode.GRAPHQL_VALIDATION_FAILED;
    }
    // The request's values do not fit the operation (all four are graphql-java's @PublicApi).
    if (error instanceof graphql.schema.CoercingParseValueException
        || error instanceof graphql.execution.NonNullableValueCoercedAsNullException
        || error instanceof graphql.execution.InputMapDefinesTooManyFieldsException
        || error instanceof graphql.execution.UnknownOperationException) {
      return ErrorCode.BAD_USER_INPUT;
    }
    if (type == ErrorType.InvalidSyntax) {
      return ErrorCode.GRAPHQL_PARSE_FAILED;
    }
    if (type == ErrorType.ValidationError || type == ErrorType.ExecutionAborted) {
      return ErrorCode.GRAPHQL_VALIDATION_FAILED;
    }
    return ErrorCode.INTERNAL;
  }

  /** An error response for failures before execution (bad HTTP body, missing token). */
  public static Map<String, Object> errorResponse(ErrorCode code, String message) {
    return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code.name()))));
  }

  private static GraphQLSchema buildSchema(List<GraphqlFeature> features) {
    TypeDefinitionRegistry contract = new SchemaParser().parse(schemaText());
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
        .scalar(ContractScalars.described(ExtendedScalars.DateTime, contract))
        .scalar(ContractScalars.described(ExtendedScalars.Json, contract))
        .scalar(ContractScalars.described(ExtendedScalars.GraphQLLong, contract))
        .type("Node", t -> t.typeResolver(nodeTypeResolver()));
    Map<String, BiFunction<Tenant, UUID, Object>> lookups = new HashMap<>();
    features.forEach(f -> {
      f.wire(wiring);
      lookups.putAll(f.nodeLookups());
    });
    wiring.type("Query", t -> t
        .dataFetcher("viewer", env -> new Viewer(RequestContext.tenant(env).id()))
        .dataFetcher("node", env -> {
          GlobalId id = GlobalId.decode(env.getArgument("id"));
          BiFunction<Tenant, UUID, Object> lookup = lookups.get(id.type());
          return lookup == null ? null : lookup.apply(RequestContext.tenant(env), id.id());
        }));
    return new SchemaGenerator().makeExecutableSchema(contract, wiring.build());
  }

  /** Node implementations are records named like their GraphQL type (Item, Analysis…). */
  private static TypeResolver nodeTypeResolver() {
    return env -> env.getSchema().getObjectType(env.getObject().getClass().getSimpleName());
  }

  public static String schemaText() {
    try (InputStream in = GraphqlEngine.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
