package app.collections.embeddings;

import app.collections.auth.Tenant;
import app.collections.db.StatementTimeout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per tenant, how its vectors are searched. One HNSW index shared by all tenants and
 * filtered by user_id fails small tenants (measured: 0.1 of 10 rows for a tenant holding 0.5% of
 * the rows). So:
 * <ul>
 *   <li>below {@code threshold} vectors of a model, an exact scan of the tenant's rows (B-tree on
 *       user_id, vectors inline): every hit it has, in a few milliseconds;</li>
 *   <li>from {@code threshold} on, a partial HNSW index of its own ({@code WHERE user_id = '…' AND
 *       model = '…'}), built concurrently once, used with a custom plan and iterative scan as the
 *       safety net for filters.</li>
 * </ul>
 */
public final class VectorIndexes {
  private static final Logger LOG = LoggerFactory.getLogger(VectorIndexes.class);
  /** Tenants remembered as having no index, at most (~100 bytes each). */
  private static final int MAX_ABSENT = 100_000;

  private final Jdbi jdbi;
  private final VectorIndexDao dao;
  private final int threshold;
  /**
   * Tenants known to have their index: asked on every vector search, and an index, once built,
   * stays.
   */
  private final Map<String, Integer> known = new ConcurrentHashMap<>();
  /**
   * When each tenant without an index was last asked of the database. Most tenants are small and
   * never get one; asking on every search was a round trip each. An index another process builds
   * is seen within {@code recheckAbsent}; until then the exact scan answers, correctly, slower.
   */
  private final Map<String, Long> absentAsOf = new ConcurrentHashMap<>();
  private final long recheckAbsentNanos;

  public VectorIndexes(Jdbi jdbi, int threshold) {
    this(jdbi, threshold, Duration.ofSeconds(30));
  }

  VectorIndexes(Jdbi jdbi, int threshold, Duration recheckAbsent) {
    this.jdbi = jdbi;
    this.dao = jdbi.onDemand(VectorIndexDao.class);
    this.threshold = threshold;
    this.recheckAbsentNanos = recheckAbsent.toNanos();
  }

  /** The dimension of the tenant's own HNSW index, or empty when its vectors are scanned exactly. */
  public Optional<Integer> indexed(Tenant tenant, String model) {
    String key = key(tenant, model);
    Integer dimension = known.get(key);
    if (dimension != null) {
      return Optional.of(dimension);
    }
    Long asOf = absentAsOf.get(key);
    if (asOf != null && System.nanoTime() - asOf < recheckAbsentNanos) {
      return Optional.empty();
    }
    Optional<Integer> found = dao.indexedDimension(tenant, model);
    if (found.isPresent()) {
      known.put(key, found.get());
      absentAsOf.remove(key);
    } else {
      if (absentAsOf.size() >= MAX_ABSENT) {
        // A reminder, not a record: forgetting costs each tenant one more question.
        absentAsOf.clear();
      }
      absentAsOf.put(key, System.nanoTime());
    }
    return found;
  }

  private static String key(Tenant tenant, String model) {
    return tenant.id() + "\u0000" + model;
  }

  /** Builds the tenant's index once its corpus reaches the threshold. True if it built one now. */
  public boolean ensure(Tenant tenant, String model, int dimension) {
    // The documents count is one row of corpus_stats: a cheap first look before counting vectors, of which
    // each document has up to MAX_PARTS (the threshold is in vectors, which the scan reads).
    if (dao.documents(tenant).orElse(0L) * EmbeddingDao.MAX_PARTS < threshold
        || indexed(tenant, model).isPresent()) {
      return false;
    }
    if (jdbi.onDemand(EmbeddingDao.class).count(tenant, model) < threshold) {
      return false;
    }
    return build(tenant, model, dimension);
  }

  /**
   * Creates the partial index (without blocking writes) and records it. False when another worker
   * is building it right now (an advisory lock per index name decides).
   */
  public boolean build(Tenant tenant, String model, int dimension) {
    String name = indexName(tenant, model);
    long started = System.nanoTime();
    boolean built = jdbi.withHandle(h -> {
      if (!h.createQuery("SELECT pg_try_advisory_lock(hashtext(:name))").bind("name", name)
          .mapTo(Boolean.class).one()) {
        return false;
      }
      try {
        // Asked of the database, not the cache: a stale "absent" must never drop a built index.
        Optional<Integer> existing = dao.indexedDimension(tenant, model);
        if (existing.isPresent()) {
          known.put(key(tenant, model), existing.get());
          absentAsOf.remove(key(tenant, model));
          return false;
        }
        // A build that died half-way leaves an invalid index behind under this name: start afresh.
        // The build takes minutes for a large tenant: longer than the pool's statement_timeout.
        StatementTimeout.lifted(h, () -> {
          h.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
          return h.execute("CREATE INDEX CONCURRENTLY " + name + " ON embeddings USING hnsw ((embedding::vector("
              + dimension + ")) vector_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE user_id = "
              + literal(tenant.id()) + " AND model = " + literal(model));
        });
        dao.register(tenant, model, dimension, name);
        known.put(key(tenant, model), dimension);
        absentAsOf.remove(key(tenant, model));
        return true;
      } finally {
        h.createQuery("SELECT pg_advisory_unlock(hashtext(:name))").bind("name", name).mapTo(Boolean.class).one();
      }
    });
    if (built) {
      LOG.info("Built HNSW index {} for {} ({}) in {} ms", name, tenant.id(), model,
          (System.nanoTime() - started) / 1_000_000);
    }
    return built;
  }

  static String indexName(Tenant tenant, String model) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((tenant.id() + "\u0000" + model).getBytes(StandardCharsets.UTF_8));
      return "embeddings_hnsw_" + HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A SQL string literal. DDL takes no bind parameters, and the partial index predicate must be a
   * literal; with standard_conforming_strings (the default since PostgreSQL 9.1) doubling quotes
   * is the whole escaping.
   */
  public static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("NUL in identifier value");
    }
    return "'" + value.replace("'", "''") + "'";
  }
}
