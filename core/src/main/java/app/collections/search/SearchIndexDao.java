package app.collections.search;

import app.collections.auth.Tenant;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Writes the BM25 index: an item's document and its postings, tokenised by PostgreSQL's english
 * configuration (the same parser, stemmer and stop words as the query side). Term and corpus
 * statistics follow through triggers (migrations/V3__search.sql).
 */
@UseClasspathSqlLocator
public interface SearchIndexDao {

  /** Replaces the item's document; false when the tenant has no such item. */
  @Transaction
  default boolean index(Tenant tenant, UUID itemId, UUID analysisId, SearchDocument document) {
    if (!upsertDocument(tenant, itemId, analysisId, document.body(), document.gist(), document.texts(), document.weights())) {
      return false;
    }
    deletePostings(tenant, itemId);
    insertPostings(tenant, itemId, document.texts(), document.weights());
    return true;
  }

  @SqlUpdate
  boolean upsertDocument(Tenant tenant, UUID itemId, UUID analysisId, String body, String gist, String[] texts, double[] weights);

  @SqlUpdate
  void deletePostings(Tenant tenant, UUID itemId);

  @SqlUpdate
  void insertPostings(Tenant tenant, UUID itemId, String[] texts, double[] weights);

  /** The text the item's embeddings are computed from. */
  @SqlQuery
  @RegisterConstructorMapper(DocumentText.class)
  java.util.Optional<DocumentText> text(Tenant tenant, UUID itemId);
}
