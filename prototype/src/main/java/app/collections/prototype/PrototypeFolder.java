package app.collections.prototype;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A prototype data folder ({@code collections.db}, {@code images/}, {@code exports/},
 * {@code conversations.db}), wherever it is: on disk for the command, staged in S3 for the Lambda.
 * Paths are relative to the folder, with {@code /} separators.
 */
public interface PrototypeFolder {

  /** The file's bytes, or empty when there is no such file. */
  Optional<byte[]> read(String relativePath);

  /** The file as a local path (SQLite opens files, not streams), or empty when there is none. */
  Optional<Path> local(String relativePath);

  /** Where it is, for the report. */
  String describe();

  /** A folder on this machine. */
  static PrototypeFolder on(Path folder) {
    return new PrototypeFolder() {
      @Override
      public Optional<byte[]> read(String relativePath) {
        try {
          return Optional.of(Files.readAllBytes(folder.resolve(relativePath)));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + folder.resolve(relativePath), e);
        }
      }

      @Override
      public Optional<Path> local(String relativePath) {
        Path file = folder.resolve(relativePath);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
      }

      @Override
      public String describe() {
        return folder.toString();
      }
    };
  }
}
