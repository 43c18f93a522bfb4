package app.collections.server;

import app.collections.db.DatabaseDao;
import com.codahale.metrics.health.HealthCheck;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Healthy when PostgreSQL answers and has pgvector: without it no search works. */
public final class DatabaseHealthCheck extends HealthCheck {
  private final Jdbi jdbi;

  public DatabaseHealthCheck(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  protected Result check() {
    Optional<String> pgvector = jdbi.onDemand(DatabaseDao.class).extensionVersion("vector");
    return pgvector
        .map(version -> Result.healthy("pgvector " + version))
        .orElseGet(() -> Result.unhealthy("the vector extension is not installed"));
  }
}
