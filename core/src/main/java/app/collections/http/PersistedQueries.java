package app.collections.http;

import app.collections.graphql.ApiException;
import app.collections.graphql.ErrorCode;
import app.collections.graphql.GraphqlRequest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Automatic persisted queries, Apollo's protocol: a request whose
 * {@code extensions.persistedQuery} is {@code {"version": 1, "sha256Hash": "<hex>"}} may leave out
 * its query. An unknown hash answers PERSISTED_QUERY_NOT_FOUND (message "PersistedQueryNotFound",
 * what Apollo Client's link looks for), and the client sends the hash again with the query, which
 * registers it once the hash is checked and the document has parsed and validated.
 *
 * <p>Stored in PostgreSQL so every Lambda container knows every hash, behind an in-process cache
 * so a known hash costs no query. Unknown hashes are not cached: another container may register
 * one a moment later.
 */
public final class PersistedQueries {
  /** The protocol's only version. */
  static final int VERSION = 1;
  /**
   * The in-process cache's bound, in characters of documents held: 8 M chars is 16 MB of strings at
   * most, next to a 1.5 GB Lambda; a client's documents are a few hundred, each a few hundred to a
   * few thousand characters, so every one in use fits.
   */
  static final long MAX_CACHED_CHARS = 8_000_000;
  /**
   * How many documents the table may hold: 10,000 is far past what one app's releases register
   * (each release has a few hundred), and with the per-document bound (the request limit, 100 kB)
   * keeps an authenticated client from filling the database. Past it the query is answered but not
   * stored, so a client simply keeps sending it in full.
   */
  public static final int MAX_STORED_QUERIES = 10_000;
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final PersistedQueryDao dao;
  private final int maxQueryLength;
  private final int maxStored;
  private final Cache<String, String> cache = Caffeine.newBuilder()
      .maximumWeight(MAX_CACHED_CHARS)
      .weigher((String hash, String query) -> query.length())
      .build();

  /** {@code maxQueryLength}: the request limit, so no stored document is larger than one request. */
  public PersistedQueries(Jdbi jdbi, int maxQueryLength) {
    this(jdbi, maxQueryLength, MAX_STORED_QUERIES);
  }

  PersistedQueries(Jdbi jdbi, int maxQueryLength, int maxStored) {
    this.dao = jdbi.onDemand(PersistedQueryDao.class);
    this.maxQueryLength = maxQueryLength;
    this.maxStored = maxStored;
  }

  /** A request ready to run, and the hash to register once its document has validated (or null). */
  public record Resolved(GraphqlRequest request, String register) {}

  /** Fills in a persisted request's query, or checks the hash of the one it sent. */
  public Resolved resolve(GraphqlRequest request) {
    Object extension = request.extensions().get("persistedQuery");
    if (extension == null) {
      return new Resolved(request, null);
    }
    if (!(extension instanceof Map<?, ?> persisted)) {
      throw ApiException.badInput("extensions.persistedQuery must be an object");
    }
    if (!(persisted.get("version") instanceof Number version) || version.doubleValue() != VERSION) {
      throw ApiException.badInput("extensions.persistedQuery.version must be " + VERSION);
    }
    if (!(persisted.get("sha256Hash") instanceof String sent)
        || !SHA256_HEX.matcher(sent.toLowerCase(Locale.ROOT)).matches()) {
      throw ApiException.badInput("extensions.persistedQuery.sha256Hash must be 64 hexadecimal digits");
    }
    String hash = sent.toLowerCase(Locale.ROOT);
    if (request.query() == null) {
      String stored = cache.get(hash, h -> dao.find(h).orElse(null));
      if (stored == null) {
        throw new ApiException(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
      }
      return new Resolved(request.withQuery(stored), null);
    }
    if (!hash.equals(sha256(request.query()))) {
      throw ApiException.badInput("extensions.persistedQuery.sha256Hash is not the SHA-256 of the query");
    }
    if (request.query().length() > maxQueryLength) {
      throw ApiException.badInput("A persisted query may be at most " + maxQueryLength + " characters");
    }
    return new Resolved(request, cache.getIfPresent(hash) == null ? hash : null);
  }

  /** Stores a checked, valid document under its hash. */
  public void register(String hash, String query) {
    if (dao.insert(hash, query, maxStored) || dao.find(hash).isPresent()) {
      cache.put(hash, query);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
