package app.collections.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned SQL files of {@code migrations/} (packaged as {@code db/migration}). */
public final class Migrations {
  private Migrations() {}

  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure()
        // Building an index on a large table takes longer than a request's statement_timeout.
        .dataSource(StatementTimeout.lifted(dataSource))
        .locations("classpath:db/migration")
        // A migration edited after it ran is a bug in the migration history, not something to paper over.
        .validateMigrationNaming(true)
        .load();
  }

  public static MigrateResult migrate(DataSource dataSource) {
    return flyway(dataSource).migrate();
  }
}
