package app.collections.assembly;

import app.collections.analyses.AnalysisDao;
import app.collections.db.Database;
import app.collections.items.ItemDao;
import app.collections.lifecycle.JobDao;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** PostgreSQL through JDBI, over the pool the host built, and the DAOs several features share. */
public record Persistence(Jdbi jdbi, ItemDao items, AnalysisDao analyses, JobDao jobs) {
  public static Persistence over(DataSource dataSource, MetricRegistry metrics, ObjectMapper json) {
    Jdbi jdbi = Database.jdbi(dataSource, metrics, json);
    return new Persistence(jdbi, jdbi.onDemand(ItemDao.class), jdbi.onDemand(AnalysisDao.class),
        jdbi.onDemand(JobDao.class));
  }
}
