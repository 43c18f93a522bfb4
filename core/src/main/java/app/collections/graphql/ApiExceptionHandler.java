package app.collections.graphql;

import app.collections.db.LoggableFailure;
import app.collections.errors.DomainException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a data fetcher's exception into a client-safe error: the one place failures become
 * {@code extensions.code}s. The services' {@link DomainException}s get their kind's code
 * ({@link ErrorCode#of}) and the GraphQL layer's {@link ApiException}s keep theirs, both with their
 * message; anything else is our bug: logged with an error id, answered as INTERNAL with that id
 * and nothing else (no message, SQL or stack trace leaves the server).
 */
final class ApiExceptionHandler implements DataFetcherExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);
  /** SQLState of a statement cancelled, by statement_timeout among others. */
  private static final String QUERY_CANCELED = "57014";

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
      DataFetcherExceptionHandlerParameters params) {
    Throwable failure = unwrap(params.getException());
    GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError()
        .path(params.getPath())
        .location(params.getSourceLocation());
    GraphQLError built;
    if (failure instanceof ApiException api) {
      built = error.message(api.getMessage()).extensions(Map.of("code", api.code().name())).build();
    } else if (failure instanceof DomainException domain) {
      built = error.message(domain.getMessage()).extensions(Map.of("code", ErrorCode.of(domain.kind()).name())).build();
    } else if (QUERY_CANCELED.equals(sqlState(failure))) {
      // PostgreSQL's statement_timeout ended a statement on the request path: the request asked
      // for more than a request may do, which is the client's to narrow, not our bug.
      LOG.warn("A statement at {} ran past statement_timeout: {}", params.getPath(), loggable(failure).getMessage());
      built = error.message("A database statement ran past its time limit and was cancelled; ask for less")
          .extensions(Map.of("code", ErrorCode.TIMEOUT.name()))
          .build();
    } else {
      String errorId = UUID.randomUUID().toString();
      LOG.error("Unexpected failure at {} (errorId {})", params.getPath(), errorId, loggable(failure));
      built = error.message("Internal error")
          .extensions(Map.of("code", ErrorCode.INTERNAL.name(), "errorId", errorId))
          .build();
    }
    return CompletableFuture.completedFuture(
        DataFetcherExceptionHandlerResult.newResult().error(built).build());
  }

  /** See {@link LoggableFailure}: no bound value or row reaches the log. */
  static Throwable loggable(Throwable failure) {
    return LoggableFailure.of(failure);
  }

  private static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
