package app.collections.uploads;

import static app.collections.graphql.RequestContext.tenant;

import app.collections.graphql.ApiException;
import app.collections.graphql.ErrorCode;
import app.collections.paging.GlobalId;
import app.collections.graphql.GraphqlFeature;
import app.collections.items.Item;
import app.collections.items.ItemDataFetchers;
import app.collections.images.Rendition;
import app.collections.storage.ImageStore;
import app.collections.storage.ObjectKeys;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code createUpload}, {@code completeUpload}, and the item's pictures: {@code Item.imageUrl} (the
 * original), {@code thumbnail} and {@code preview}, each a short-lived presigned URL.
 */
public final class UploadDataFetchers implements GraphqlFeature {
  public static final String TYPE = "Upload";
  private static final Logger LOG = LoggerFactory.getLogger(UploadDataFetchers.class);

  private final UploadService uploads;
  private final ImageStore images;
  private final Duration downloadTtl;

  public UploadDataFetchers(UploadService uploads, ImageStore images, Duration downloadTtl) {
    this.uploads = uploads;
    this.images = images;
    this.downloadTtl = downloadTtl;
  }

  @Override
  public void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Mutation", t -> t
        .dataFetcher("createUpload", this::createUpload)
        .dataFetcher("completeUpload", this::completeUpload));
    wiring.type(ItemDataFetchers.TYPE, t -> t
        .dataFetcher("imageUrl", env -> {
          Item item = env.getSource();
          return item.objectKey() == null ? null : images.presignGet(item.objectKey(), downloadTtl);
        })
        .dataFetcher("thumbnail", env -> picture(env, Rendition.THUMBNAIL, env.<Item>getSource().thumbnail()))
        .dataFetcher("preview", env -> picture(env, Rendition.PREVIEW, env.<Item>getSource().preview())));
  }

  /** The schema's {@code Image}: where a rendition is (presigned) and its size; null until it is made. */
  public record Picture(String url, int width, int height, Integer byteSize) {}

  private Picture picture(DataFetchingEnvironment env, Rendition rendition, Item.StoredImage stored) {
    if (stored == null) {
      return null;
    }
    String key = ObjectKeys.rendition(tenant(env), env.<Item>getSource().id(), rendition);
    return new Picture(images.presignGet(key, downloadTtl), stored.width(), stored.height(), stored.byteSize());
  }

  private Map<String, Object> createUpload(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    Number byteSize = (Number) input.get("byteSize");
    UploadService.Created created = uploads.create(tenant(env), (String) input.get("filename"),
        (String) input.get("contentType"), byteSize.longValue());
    List<Map<String, String>> headers = created.request().headers().entrySet().stream()
        .map(h -> Map.of("name", h.getKey(), "value", h.getValue())).toList();
    return Map.of(
        "uploadId", GlobalId.encode(TYPE, created.uploadId()),
        "uploadUrl", created.request().url(),
        "uploadHeaders", headers,
        "expiresAt", OffsetDateTime.ofInstant(created.request().expiresAt(), ZoneOffset.UTC));
  }

  private Map<String, Object> completeUpload(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    UUID uploadId = GlobalId.decode((String) input.get("uploadId"), TYPE);
    UploadService.Completed completed;
    try {
      completed = uploads.complete(tenant(env), uploadId);
    } catch (SdkException e) {
      // S3 did not answer: nothing was made (the item is created only after the bytes are read),
      // and the upload stays open, so the same call succeeds once S3 is back.
      LOG.warn("completeUpload of {} found the image store unavailable: {}", uploadId, e.toString());
      throw new ApiException(ErrorCode.UNAVAILABLE,
          "The image store is unavailable; nothing was created. Call completeUpload again shortly");
    }
    return Map.of("item", completed.item(), "duplicate", completed.duplicate());
  }
}
