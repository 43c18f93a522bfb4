package app.collections.items;

import app.collections.auth.Tenant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Items of one tenant. Every method takes the {@link Tenant} and every statement filters on
 * {@code user_id = :tenant}; {@code DaoTenantParameterTest} holds that line.
 */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Item.class)
@RegisterConstructorMapper(CategoryCount.class)
@RegisterConstructorMapper(PlaceCount.class)
public interface ItemDao {

  @SqlUpdate
  void insert(Tenant tenant, @BindMethods("item") NewItem item);

  @SqlQuery
  Optional<Item> find(Tenant tenant, UUID id);

  /** The tenant's item with these exact bytes, if any: the same image uploaded again. */
  @SqlQuery
  Optional<Item> findBySha256(Tenant tenant, byte[] sha256);

  @SqlQuery
  List<Item> findAll(Tenant tenant, Collection<UUID> ids);

  /** Newest first, strictly after the keyset position when one is given. */
  @SqlQuery
  List<Item> pageForward(Tenant tenant, @BindMethods("f") ItemFilter filter,
      OffsetDateTime afterCreatedAt, UUID afterId, int limit);

  /** Oldest first, strictly before the keyset position when one is given (callers reverse). */
  @SqlQuery
  List<Item> pageBackward(Tenant tenant, @BindMethods("f") ItemFilter filter,
      OffsetDateTime beforeCreatedAt, UUID beforeId, int limit);

  @SqlQuery
  int count(Tenant tenant, @BindMethods("f") ItemFilter filter);

  @SqlQuery
  List<CategoryCount> categories(Tenant tenant);

  /** The places facet: geotagged items by "City, Country", largest first. */
  @SqlQuery
  List<PlaceCount> places(Tenant tenant);

  /**
   * Where the item was taken (empty: not known, or no such item), its row locked until the
   * transaction ends: the analysis recorder's read, serialised with the DERIVE job's write.
   */
  @SqlQuery
  @RegisterConstructorMapper(value = Location.class, prefix = "location")
  Optional<Location> lockedLocation(Tenant tenant, UUID id);

  /** Records the DERIVE job's derived images and capture facts. False when the item is gone. */
  @SqlUpdate
  boolean recordDerived(Tenant tenant, UUID id, @BindMethods("d") DerivedFacts facts);

  /** The users with items that have no derived images yet (a system backfill; DaoTenantParameterTest lists it). */
  @SqlQuery
  List<String> tenantsLackingDerived();

  /** Up to {@code limit} of the tenant's items that have no derived images yet, oldest first. */
  @SqlQuery
  List<UUID> lackingDerived(Tenant tenant, int limit);

  /**
   * The item's status to {@code to} with {@code lastError}, if it is one of {@code from} now: what
   * ItemLifecycle makes each Transition with (and nothing else does). False when it was not.
   */
  @SqlUpdate
  boolean move(Tenant tenant, UUID id, String[] from, ItemStatus to, String lastError);

  /** Every item id of the tenant: what an eval of a stored collection ranks, what an import finds there. */
  @SqlQuery
  List<UUID> ids(Tenant tenant);
  /**
   * READY, now that the item's newest analysis is embedded as well as indexed: findable in every
   * search mode. Only from ANALYZING (or FAILED by its embedding, which reindex completes), and
   * not while a newer analysis is queued or running.
   */
  @SqlUpdate
  boolean markFindable(Tenant tenant, UUID id);

  /**
   * Removes the item and answers the row as it was, in one statement: the caller learns the object
   * key of exactly the row it removed (of two concurrent removals, one answers empty). Its analyses
   * and embeddings go with it (ON DELETE CASCADE).
   */
  @SqlQuery
  Optional<Item> remove(Tenant tenant, UUID id);

  /** {@link #remove}, when the row itself is not needed. */
  default boolean delete(Tenant tenant, UUID id) {
    return remove(tenant, id).isPresent();
  }
}
