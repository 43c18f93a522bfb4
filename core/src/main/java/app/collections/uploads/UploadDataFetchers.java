package app.collections.uploads;

import static app.collections.graphql.RequestContext.tenant;

import app.collections.graphql.ApiException;
import app.collections.graphql.ErrorCode;
import app.collections.graphql.GlobalId;
import app.collections.graphql.GraphqlFeature;
import app.collections.items.Item;
import app.collections.items.ItemDataFetchers;
import app.collections.storage.ImageStore;
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

/** {@code createUpload}, {@code completeUpload}, and {@code Item.imageUrl}. */
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
    wiring.type(ItemDataFetchers.TYPE, t -> t.dataFetcher("imageUrl", env -> {
      Item item = env.getSource();
      return item.objectKey() == null ? null : images.presignGet(item.objectKey(), downloadTtl);
    }));
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
