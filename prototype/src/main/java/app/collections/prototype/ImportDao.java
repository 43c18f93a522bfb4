package app.collections.prototype;

import app.collections.auth.Tenant;
import app.collections.items.DerivedFacts;
import app.collections.items.ItemStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The writes of a prototype import that the service's own DAOs do not make: rows that keep the
 * prototype's ids, versions and times. Every statement is the tenant's, like every other DAO.
 */
@UseClasspathSqlLocator
@RegisterConstructorMapper(ImportDao.Version.class)
@RegisterConstructorMapper(ImportDao.StoredItem.class)
@RegisterConstructorMapper(ImportDao.StoredAnalysis.class)
public interface ImportDao {

  /**
   * An imported item's row, created in the status ItemLifecycle.importedStatus gives it;
   * {@code derived}: its renditions and capture facts (null in a dry run, which stores none).
   */
  record ItemRow(UUID id, String filename, String originalFilename, String contentType, long byteSize,
      Integer width, Integer height, ItemStatus status, String category, String objectKey, byte[] sha256,
      OffsetDateTime createdAt, OffsetDateTime updatedAt, DerivedFacts derived) {

    /** The derived facts as the insert binds them; all null without them. */
    public DerivedFacts facts() {
      return derived != null ? derived : NO_FACTS;
    }
  }

  DerivedFacts NO_FACTS = new DerivedFacts(new app.collections.items.Item.StoredImage(null, null, null),
      new app.collections.items.Item.StoredImage(null, null, null), null, null, null);

  record AnalysisRow(UUID id, UUID itemId, int version, String provider, String model, String category,
      List<String> subcategories, String headline, String summary, JsonNode raw, String rawReply,
      OffsetDateTime createdAt) {
    public String[] subcategoryArray() {
      return subcategories.toArray(String[]::new);
    }

    public String rawJson() {
      return raw.toString();
    }

    /** The same version under another item, as its {@code version}th (a duplicate merged into its twin). */
    public AnalysisRow movedTo(UUID item, int version) {
      return new AnalysisRow(id, item, version, provider, model, category, subcategories, headline, summary, raw,
          rawReply, createdAt);
    }
  }

  record Version(UUID id, int version, String rawReply) {}

  record StoredItem(UUID id, ItemStatus status, String category, byte[] sha256, String objectKey,
      OffsetDateTime createdAt, boolean queued) {}

  record StoredAnalysis(UUID id, UUID itemId, String rawReply) {}

  /** False when the id is taken: by this tenant (a re-run) or another (the caller tells which). */
  @SqlUpdate
  boolean insertItem(Tenant tenant, @BindMethods("i") ItemRow item);

  /** False when the id, or the item's version, is taken. */
  @SqlUpdate
  boolean insertAnalysis(Tenant tenant, @BindMethods("a") AnalysisRow analysis);

  @SqlQuery
  List<Version> analysisVersions(Tenant tenant, UUID itemId);

  @SqlQuery
  List<StoredItem> storedItems(Tenant tenant, Collection<UUID> ids);

  /** The tenant's analyses of these ids, under whichever item they are (a merged duplicate's are its twin's). */
  @SqlQuery
  List<StoredAnalysis> storedAnalyses(Tenant tenant, Collection<UUID> ids);
}
