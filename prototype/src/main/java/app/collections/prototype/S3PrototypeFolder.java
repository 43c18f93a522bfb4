package app.collections.prototype;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A prototype data folder staged in S3 ({@code aws s3 sync data s3://BUCKET/PREFIX}), as the import
 * Lambda reads it: images one by one, the SQLite files copied to local disk (Lambda's /tmp).
 */
public final class S3PrototypeFolder implements PrototypeFolder {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final Path scratch;

  public S3PrototypeFolder(S3Client s3, String bucket, String prefix, Path scratch) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix) : prefix + "/";
    this.scratch = scratch;
  }

  @Override
  public Optional<byte[]> read(String relativePath) {
    try {
      return Optional.of(s3.getObjectAsBytes(g -> g.bucket(bucket).key(prefix + relativePath)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Optional<Path> local(String relativePath) {
    // Copied again by every slice, though a warm Lambda keeps /tmp: the staged folder may have been
    // synced anew in between, and a collections.db is megabytes.
    Path copy = scratch.resolve(relativePath);
    Optional<byte[]> bytes = read(relativePath);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(copy.getParent());
      Path partial = copy.resolveSibling(copy.getFileName() + ".part");
      Files.write(partial, bytes.get());
      Files.move(partial, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(copy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy s3://" + bucket + "/" + prefix + relativePath + " to " + copy, e);
    }
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + prefix;
  }
}
