package app.collections.uploads;

import app.collections.auth.Tenant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A tenant's presigned uploads. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Upload.class)
public interface UploadDao {

  @SqlUpdate
  void insert(Tenant tenant, UUID id, String filename, String contentType, long byteSize, String objectKey,
      OffsetDateTime expiresAt);

  @SqlQuery
  Optional<Upload> find(Tenant tenant, UUID id);

  /** Marks it completed as the given item; false if it was completed already (a race lost). */
  @SqlUpdate
  boolean complete(Tenant tenant, UUID id, UUID itemId);

  /** An upload nobody completed, by tenant and id. */
  record Stale(String userId, UUID id) {}

  /**
   * Uploads left uncompleted past their expiry, of every tenant: the sweeper's work list. Each is
   * then handled with its own tenant (UploadService.sweep).
   */
  @SqlQuery
  @RegisterConstructorMapper(Stale.class)
  java.util.List<Stale> findStale(long graceSeconds, int limit);

  /** An upload whose object was rejected: it cannot be completed any more. */
  @SqlUpdate
  void delete(Tenant tenant, UUID id);
}
