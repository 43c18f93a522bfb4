package app.collections.lambda;

import app.collections.auth.JwtVerifier;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every first request waits on, started on a second thread at the beginning of init while
 * the main thread builds the GraphQL schema and Jersey: the pool's first PostgreSQL connection
 * (driver, handshake), JDBI's statement path (its first statement also starts JFR's event
 * support) and the issuer's signing keys. Reads nothing of any tenant and writes nothing. On the
 * quiet 2-core VM the first request spent ~400 ms, ~250 of them on exactly this
 * (docs/benchmarks.md, "Lambda cold start"); with less than one core, as a 1536 MB Lambda has,
 * what it still overlaps is the network waits. A failure is only logged: the first request does
 * the same work again and reports its own error.
 */
final class InitWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(InitWarmup.class);

  private InitWarmup() {}

  /** Starts the warm-up; the future completes (never exceptionally) when it is done. */
  static CompletableFuture<Void> start(Jdbi jdbi, JwtVerifier verifier) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      long start = System.nanoTime();
      try {
        jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        verifier.fetchKeys();
        LOG.info("Init warm-up (database connection, signing keys) done in {} ms", (System.nanoTime() - start) / 1_000_000);
      } catch (Exception e) {
        LOG.warn("Init warm-up failed ({}); the first request will retry it", e.toString());
      } finally {
        done.complete(null);
      }
    }, "init-warmup");
    thread.setDaemon(true);
    thread.start();
    return done;
  }
}
