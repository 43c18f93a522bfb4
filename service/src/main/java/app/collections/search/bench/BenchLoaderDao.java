package app.collections.search.bench;

import app.collections.auth.Tenant;
import java.util.UUID;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Bulk writes of synthetic collections for the benchmark: the pipeline's index format, many items
 * per statement (a 100k-item tenant item by item would take an hour). One tenant per call.
 */
@UseClasspathSqlLocator
public interface BenchLoaderDao {
  @SqlUpdate
  void insertItems(Tenant tenant, UUID[] ids, String[] categories, double[] ages);

  @SqlUpdate
  void insertDocuments(Tenant tenant, UUID[] ids, String[] bodies, UUID[] fieldItems, String[] fieldTexts,
      double[] fieldWeights);

  @SqlUpdate
  void insertPostings(Tenant tenant, UUID[] fieldItems, String[] fieldTexts, double[] fieldWeights);

  @SqlUpdate
  void insertEmbeddings(Tenant tenant, String model, int dimension, UUID[] ids, int[] parts, String[] vectors);

  @SqlUpdate
  int deleteTenant(Tenant tenant);
}
