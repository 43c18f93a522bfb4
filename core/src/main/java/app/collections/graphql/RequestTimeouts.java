package app.collections.graphql;

import app.collections.tracing.RequestContexts;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.language.OperationDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The wall-clock limit of a request. Execution runs on a virtual thread of its own while the
 * request's thread waits up to the deadline; past it the execution is cancelled
 * ({@link ExecutionInput#cancel()}: no further field starts) and the client gets TIMEOUT at once.
 * A statement already running is ended by PostgreSQL's {@code statement_timeout} (see README,
 * "Limits"), not by interrupting the thread, which would break the pooled connection.
 *
 * <p>A request starts with the mutation deadline (the longer one) and {@link QueryBudget} moves it
 * to the query deadline once it knows the operation is a query, so the document is parsed once.
 */
final class RequestTimeouts {
  /** The request's span and MDC go along, so what a field logs or calls belongs to its request. */
  private static final Executor EXECUTIONS = RequestContexts.propagating(
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("graphql-", 0).factory()));

  private final long queryNanos;
  private final long mutationNanos;

  RequestTimeouts(GraphqlLimits limits) {
    this.queryNanos = limits.getRequestTimeout().toNanoseconds();
    this.mutationNanos = limits.getMutationTimeout().toNanoseconds();
  }

  /** When a request must be answered by; held in its GraphQL context. */
  static final class Deadline {
    private final long started = System.nanoTime();
    private final long queryNanos;
    private volatile long limitNanos;

    private Deadline(long queryNanos, long mutationNanos) {
      this.queryNanos = queryNanos;
      this.limitNanos = mutationNanos;
    }

    void operationIs(OperationDefinition.Operation operation) {
      if (operation != OperationDefinition.Operation.MUTATION) {
        limitNanos = queryNanos;
      }
    }

    long remainingNanos() {
      return started + limitNanos - System.nanoTime();
    }

    long limitMillis() {
      return TimeUnit.NANOSECONDS.toMillis(limitNanos);
    }
  }

  Deadline start() {
    return new Deadline(queryNanos, mutationNanos);
  }

  /**
   * How long a wait runs before the deadline is read again: a deadline shortened meanwhile (a
   * query's is known only after validation) is missed by at most this much.
   */
  private static final long DEADLINE_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** Runs the execution, or answers TIMEOUT when it is not done by the deadline. */
  ExecutionResult run(ExecutionInput input, Deadline deadline, Supplier<ExecutionResult> execution) {
    CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(execution, EXECUTIONS);
    try {
      while (true) {
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
          break;
        }
        try {
          // The deadline may shorten while we wait (a query's is known after validation).
          return result.get(Math.min(remaining, DEADLINE_RECHECK_NANOS), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // Look at the deadline again.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | CancellationException e) {
      // An exception the execution means to leave the engine (a request refused by the rate
      // limiter) leaves it as itself, as it would without the deadline.
      if (e.getCause() instanceof RuntimeException refusal) {
        throw refusal;
      }
      throw new IllegalStateException("GraphQL execution failed", e.getCause() == null ? e : e.getCause());
    }
    input.cancel();
    return timedOut(deadline.limitMillis());
  }

  private static ExecutionResult timedOut(long limitMillis) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("code", ErrorCode.TIMEOUT.name());
    extensions.put("limitMs", limitMillis);
    return ExecutionResult.newExecutionResult()
        .data(null)
        .errors(List.of(GraphqlErrorBuilder.newError()
            .message("The request took longer than " + limitMillis + " ms and was cancelled; ask for less")
            .extensions(extensions)
            .build()))
        .build();
  }
}
