package app.collections.uploads;

import app.collections.logging.LogFields;
import app.collections.auth.Tenant;
import app.collections.db.LoggableFailure;
import app.collections.errors.DomainException;
import app.collections.images.ImageFormat;
import app.collections.images.ImageInspector;
import app.collections.images.RejectedImageException;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.storage.ImageStore;
import app.collections.storage.ObjectKeys;
import app.collections.storage.StorageConfiguration;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Images in, the S3 way: a presigned PUT straight to the bucket, then a check of what arrived
 * before it becomes an item. Nothing half-made survives a rejection: a bad object is deleted with
 * its upload, and the item, its analysis job and the upload's completion are one transaction.
 */
public final class UploadService {
  private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);
  static final int MAX_FILENAME_LENGTH = 255;

  private final UploadDao uploads;
  private final ItemDao items;
  private final ImageStore images;
  private final ImageInspector inspector;
  private final StorageConfiguration config;
  private final ItemLifecycle lifecycle;

  public UploadService(Jdbi jdbi, ImageStore images, ImageInspector inspector, StorageConfiguration config,
      ItemLifecycle lifecycle) {
    this.uploads = jdbi.onDemand(UploadDao.class);
    this.items = jdbi.onDemand(ItemDao.class);
    this.images = images;
    this.inspector = inspector;
    this.config = config;
    this.lifecycle = lifecycle;
  }

  public record Created(UUID uploadId, ImageStore.PresignedRequest request) {}

  public record Completed(Item item, boolean duplicate) {}

  public Created create(Tenant tenant, String filename, String contentType, long byteSize) {
    String name = cleanFilename(filename);
    ImageFormat format = ImageFormat.ofContentType(contentType)
        .orElseThrow(() -> DomainException.invalidInput("contentType must be image/jpeg, image/png, image/gif or image/webp"));
    if (format == ImageFormat.HEIC) {
      throw DomainException.invalidInput(ImageFormat.HEIC_REFUSED);
    }
    long max = config.getMaxUploadSize().toBytes();
    if (byteSize <= 0 || byteSize > max) {
      throw DomainException.invalidInput("byteSize must be between 1 and " + max + " bytes");
    }
    UUID id = UUID.randomUUID();
    String key = ObjectKeys.original(tenant, id, format);
    Duration ttl = config.getUploadUrlTtl().toJavaDuration();
    uploads.insert(tenant, id, name, format.contentType(), byteSize, key,
        OffsetDateTime.now(ZoneOffset.UTC).plus(ttl));
    return new Created(id, images.presignPut(key, format.contentType(), byteSize, ttl));
  }

  public Completed complete(Tenant tenant, UUID uploadId) {
    Upload upload = uploads.find(tenant, uploadId)
        .orElseThrow(() -> DomainException.notFound("No upload with this id"));
    if (upload.completedAt() != null) {
      throw DomainException.invalidInput("This upload was completed already");
    }
    HeadObjectResponse head = images.head(upload.objectKey())
        .orElseThrow(() -> DomainException.invalidInput("Nothing was uploaded yet: PUT the file to uploadUrl first"));
    long max = config.getMaxUploadSize().toBytes();
    if (head.contentLength() > max || head.contentLength() != upload.byteSize()) {
      reject(tenant, upload);
      throw DomainException.invalidInput("The uploaded file is " + head.contentLength() + " bytes, not the "
          + upload.byteSize() + " announced (the limit is " + max + ")");
    }
    byte[] bytes = images.read(upload.objectKey());
    ImageInspector.Inspection image;
    try {
      image = inspector.inspect(bytes);
    } catch (RejectedImageException e) {
      reject(tenant, upload);
      throw DomainException.invalidInput(e.getMessage());
    }
    Optional<Item> existing = items.findBySha256(tenant, image.sha256());
    if (existing.isPresent()) {
      return duplicate(tenant, upload, existing.get());
    }
    NewItem item = new NewItem(upload.id(), upload.filename(), upload.filename(), image.format().contentType(),
        bytes.length, image.width(), image.height(), upload.objectKey(), image.sha256());
    try {
      lifecycle.uploaded(tenant, item.id(), h -> {
        if (!h.attach(UploadDao.class).complete(tenant, upload.id(), upload.id())) {
          throw DomainException.invalidInput("This upload was completed already");
        }
        h.attach(ItemDao.class).insert(tenant, item);
      });
    } catch (UnableToExecuteStatementException e) {
      // The same bytes completed concurrently by another upload: it won, this one is its duplicate.
      Optional<Item> winner = items.findBySha256(tenant, image.sha256());
      if (winner.isPresent()) {
        return duplicate(tenant, upload, winner.get());
      }
      throw e;
    }
    LOG.info("Item {} of tenant {} created from upload ({} bytes, {}x{})", item.id(), LogFields.tenantHash(tenant), bytes.length,
        image.width(), image.height());
    return new Completed(items.find(tenant, item.id()).orElseThrow(), false);
  }

  /**
   * When an unfinished upload counts as abandoned: past the upload URL's lifetime (10 minutes by
   * default), so a client still PUTting its bytes is never swept from under it.
   */
  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);
  /**
   * Uploads one sweep handles, at most: each is an S3 read and an image decode, and the sweep runs
   * in the minute's scheduled invocation ahead of the due jobs; the rest wait for the next one.
   */
  public static final int SWEEP_BATCH = 100;

  /**
   * Finishes what clients left undone: an upload whose bytes arrived but was never completed (the
   * app was killed after its PUT) becomes its item, so the image is not lost; one whose bytes never
   * came is dropped. Returns how many were handled.
   */
  public int sweep(Duration grace, int limit) {
    int handled = 0;
    for (UploadDao.Stale stale : uploads.findStale(grace.toSeconds(), limit)) {
      Tenant tenant = new Tenant(stale.userId());
      try {
        complete(tenant, stale.id());
        LOG.info("Completed upload {} of tenant {} that its client left unfinished", stale.id(), LogFields.tenantHash(tenant));
      } catch (DomainException e) {
        // No object, or a rejected one (already cleaned up by complete()).
        uploads.find(tenant, stale.id()).filter(u -> u.completedAt() == null).ifPresent(u -> reject(tenant, u));
        LOG.info("Dropped unfinished upload {} of tenant {}: {}", stale.id(), LogFields.tenantHash(tenant), e.getMessage());
      } catch (RuntimeException e) {
        // S3 or the database failed us, not the upload: keep it for the next sweep, and do not let
        // it hold up the ones after it (it would come first again every time).
        LOG.warn("Could not finish upload {} of tenant {}; will try again", stale.id(), LogFields.tenantHash(tenant), LoggableFailure.of(e));
        continue;
      }
      handled++;
    }
    return handled;
  }

  /** The same image again: answer with the item that has it, keep one copy of the bytes. */
  private Completed duplicate(Tenant tenant, Upload upload, Item existing) {
    uploads.complete(tenant, upload.id(), existing.id());
    if (!upload.objectKey().equals(existing.objectKey())) {
      images.delete(upload.objectKey());
    }
    return new Completed(existing, true);
  }

  private void reject(Tenant tenant, Upload upload) {
    images.delete(upload.objectKey());
    uploads.delete(tenant, upload.id());
  }


  static String cleanFilename(String filename) {
    String name = filename == null ? "" : filename.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
    if (name.isEmpty() || name.length() > MAX_FILENAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
      throw DomainException.invalidInput("filename must be 1.." + MAX_FILENAME_LENGTH + " characters without control characters");
    }
    return name;
  }
}
