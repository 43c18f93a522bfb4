package app.collections.analyses;

import app.collections.auth.Tenant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Versioned analyses of one tenant's items. Every statement filters on {@code user_id = :tenant}. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Analysis.class)
public interface AnalysisDao {

  /**
   * Stores the item's next analysis version and makes its category the item's. Returns the new
   * version, or empty when the tenant has no such item.
   */
  @Transaction
  default Optional<Integer> add(Tenant tenant, NewAnalysis analysis) {
    if (lockItem(tenant, analysis.itemId()).isEmpty()) {
      return Optional.empty();
    }
    int version = insert(tenant, analysis);
    setItemCategory(tenant, analysis.itemId(), analysis.category());
    return Optional.of(version);
  }

  /** Serialises concurrent analyses of one item, so versions never collide. */
  @SqlQuery
  Optional<UUID> lockItem(Tenant tenant, UUID itemId);

  @SqlQuery
  int insert(Tenant tenant, @BindMethods("a") NewAnalysis analysis);

  @SqlUpdate
  void setItemCategory(Tenant tenant, UUID itemId, String category);

  @SqlQuery
  Optional<Analysis> find(Tenant tenant, UUID id);

  /** The newest analysis of each of the given items (items without one are absent). */
  @SqlQuery
  List<Analysis> latestForItems(Tenant tenant, Collection<UUID> itemIds);

  /** Every analysis of the given items, each item's newest first. */
  @SqlQuery
  List<Analysis> historyForItems(Tenant tenant, Collection<UUID> itemIds);
}
