package app.collections.ratelimit;

import app.collections.graphql.RateLimitedException;

import app.collections.auth.Tenant;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.DataFetcher;
import java.util.Optional;

/**
 * Rate limits inside the engine. When the operation starts (parsed, validated, variables coerced)
 * it counts the operation's searches and model calls ({@link FieldCharges}, over the normalized
 * operation, so aliases, fragments, variables and {@code @skip} count as they will run) and takes
 * all the request's tokens in one store call: one PostgreSQL round trip per request, rather than
 * one per costly field. No request token: the whole request is refused ({@link RateLimitedException}
 * leaves the engine; the resource answers 429 with {@code Retry-After}). Searches or model calls
 * short: those fields answer null with a RATE_LIMITED error and the rest of the request runs.
 * A document that fails to parse or validate takes no token: it reaches no SQL and no model.
 */
public final class RateLimitInstrumentation implements Instrumentation {
  private final RateLimiter limiter;

  public RateLimitInstrumentation(RateLimiter limiter) {
    this.limiter = limiter;
  }

  private static final class State implements InstrumentationState {
    private volatile Admission admission;
  }

  @Override
  public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
    return new State();
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    ExecutionContext execution = parameters.getExecutionContext();
    Tenant tenant = execution.getGraphQLContext().get(Tenant.class);
    if (tenant == null) {
      throw new IllegalStateException("no tenant in the GraphQL context");
    }
    Charge charge = Charge.NONE;
    for (ExecutableNormalizedField field : execution.getNormalizedQueryTree().get().getTopLevelFields()) {
      for (String type : field.getObjectTypeNames()) {
        charge = charge.plus(FieldCharges.of(type, field.getName(), field.getResolvedArguments()));
      }
    }
    Admission admission = limiter.admit(tenant, charge);
    if (!admission.grant().request()) {
      throw admission.requestRefusal();
    }
    ((State) state).admission = admission;
    return SimpleInstrumentationContext.noOp();
  }

  @Override
  public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
      InstrumentationState state) {
    Admission admission = state instanceof State s ? s.admission : null;
    if (admission == null || parameters.isTrivialDataFetcher()) {
      return fetcher;
    }
    ExecutionStepInfo step = parameters.getExecutionStepInfo();
    Charge field = FieldCharges.of(step.getObjectType().getName(), step.getFieldDefinition().getName(), step.getArguments());
    Optional<RateLimitedException> refusal = field.equals(Charge.NONE) ? Optional.empty() : admission.refusal(field);
    if (refusal.isEmpty()) {
      return fetcher;
    }
    RateLimitedException refused = refusal.get();
    return env -> DataFetcherResult.newResult()
        .error(GraphqlErrorBuilder.newError(env).message(refused.getMessage()).extensions(refused.extensions()).build())
        .build();
  }
}
