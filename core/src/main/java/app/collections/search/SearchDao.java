package app.collections.search;

import app.collections.items.ItemFilter;
import app.collections.auth.Tenant;
import app.collections.embeddings.EmbeddingDao;
import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Ranked reads of one tenant's BM25 index and embeddings. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(ScoredItem.class)
public interface SearchDao {

  /**
   * BM25 (k1, b) over every posting of the query's lexemes, filtered by the items' columns;
   * relevance = score / best possible.
   */
  @SqlQuery
  List<ScoredItem> bm25(Tenant tenant, String query, double k1, double b, @BindMethods("f") ItemFilter filter,
      int limit);

  /** BM25 over each term's best {@code depth} postings (see bm25Top.sql): unfiltered queries. */
  @SqlQuery
  List<ScoredItem> bm25Top(Tenant tenant, String query, double k1, double b, int depth, int limit);

  /**
   * Exact cosine scan of the tenant's vectors: every row, no approximate index; an item scores as
   * its nearest part, found among the {@code limit} x {@link EmbeddingDao#MAX_PARTS} nearest rows
   * (see vectorExact.sql for why that is exact).
   */
  default List<ScoredItem> vectorExact(Tenant tenant, String model, PGvector vector, ItemFilter filter, int limit) {
    return vectorExact(tenant, model, vector, filter, limit, limit * EmbeddingDao.MAX_PARTS);
  }

  /** {@link #vectorExact(Tenant, String, PGvector, ItemFilter, int)}, the passages it reads spelled out. */
  @SqlQuery
  List<ScoredItem> vectorExact(Tenant tenant, String model, PGvector vector, @BindMethods("f") ItemFilter filter,
      int limit, int passages);

  /**
   * Through the tenant's own partial HNSW index. The dimension is part of the index expression and
   * the tenant and model of its predicate, so they are spliced in: an integer, and two literals
   * escaped by {@code VectorIndexes.literal}.
   */
  @SqlQuery
  List<ScoredItem> vectorIndexed(Tenant tenant, String model, PGvector vector, @Define int dimension,
      @Define String tenantLiteral, @Define String modelLiteral, @BindMethods("f") ItemFilter filter, int limit,
      int passages);

  /**
   * Makes the planner take the tenant's own index for the rest of the transaction, before
   * {@link #vectorIndexed}; see pinIndexedPlan.sql for why each setting. Names no table, so takes
   * no tenant. Returns the first setting, only because a SELECT returns something.
   */
  @SqlQuery
  String pinIndexedPlan(int efSearch);

  /** One source item's neighbour, for {@link #similarExact}. */
  record Neighbour(UUID sourceId, UUID itemId, double score) {}

  /**
   * The {@code limit} items nearest to each of the given items (each excluded from its own list),
   * by exact scan: Item.similar for a whole page in one statement. Sources without a vector of
   * the model are absent.
   */
  @SqlQuery
  @RegisterConstructorMapper(Neighbour.class)
  List<Neighbour> similarExact(Tenant tenant, String model, java.util.Collection<UUID> itemIds, int limit);
}
