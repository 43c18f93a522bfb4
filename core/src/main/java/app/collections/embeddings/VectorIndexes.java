package app.collections.embeddings;

import app.collections.logging.LogFields;
import app.collections.auth.Tenant;
import app.collections.db.StatementTimeout;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
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
  /**
   * Tenant and model pairs remembered, at most (~150 bytes each: 15 MB). Bounds the memory of a
   * process that sees many tenants; forgetting one costs it one more question of the database.
   */
  static final int MAX_REMEMBERED = 100_000;
  /** How long "no index" is believed: an index another process builds is seen within this. */
  static final Duration RECHECK_ABSENT = Duration.ofSeconds(30);
  /** An index, once built, stays: its dimension is remembered until evicted for room. */
  private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

  private final Jdbi jdbi;
  private final VectorIndexDao dao;
  private final int threshold;
  /**
   * Each tenant's index dimension, or empty when it has none; asked on every vector search. Most
   * tenants are small and never get an index, and asking on every search was a round trip each:
   * "none" is believed for {@code recheckAbsent}, and until then the exact scan answers, correctly,
   * slower.
   */
  private final Cache<String, Optional<Integer>> dimensions;

  public VectorIndexes(Jdbi jdbi, int threshold) {
    this(jdbi, threshold, RECHECK_ABSENT);
  }

  VectorIndexes(Jdbi jdbi, int threshold, Duration recheckAbsent) {
    this.jdbi = jdbi;
    this.dao = jdbi.onDemand(VectorIndexDao.class);
    this.threshold = threshold;
    this.dimensions = Caffeine.newBuilder()
        .maximumSize(MAX_REMEMBERED)
        .expireAfter(Expiry.writing((String key, Optional<Integer> dimension) ->
            dimension.isPresent() ? FOREVER : recheckAbsent))
        .build();
  }

  /** The dimension of the tenant's own HNSW index, or empty when its vectors are scanned exactly. */
  public Optional<Integer> indexed(Tenant tenant, String model) {
    return dimensions.get(key(tenant, model), key -> dao.indexedDimension(tenant, model));
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
      // Lock, DDL and unlock on this one connection: the advisory lock is the session's.
      VectorIndexDao session = h.attach(VectorIndexDao.class);
      if (!session.tryLock(name)) {
        return false;
      }
      try {
        // Asked of the database, not the cache: a stale "absent" must never drop a built index.
        Optional<Integer> existing = dao.indexedDimension(tenant, model);
        if (existing.isPresent()) {
          dimensions.put(key(tenant, model), existing);
          return false;
        }
        // A build that died half-way leaves an invalid index behind under this name: start afresh.
        // The build takes minutes for a large tenant: longer than the pool's statement_timeout.
        StatementTimeout.lifted(h, () -> {
          session.dropIndex(name);
          session.createPartialIndex(name, dimension, literal(tenant.id()), literal(model));
          return null;
        });
        dao.register(tenant, model, dimension, name);
        dimensions.put(key(tenant, model), Optional.of(dimension));
        return true;
      } finally {
        session.unlock(name);
      }
    });
    if (built) {
      LOG.info("Built HNSW index {} for tenant {} ({}) in {} ms", name, LogFields.tenantHash(tenant), model,
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
