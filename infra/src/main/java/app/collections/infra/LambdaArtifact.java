package app.collections.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.services.lambda.Code;

/** The functions' code: the service's Lambda jar, or a stand-in for synth and tests without it. */
final class LambdaArtifact {
  static final String DEFAULT_JAR = "../lambda/target/collections-lambda.jar";

  private LambdaArtifact() {}

  static Code jar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath().normalize() + " is missing: build it with `./dev build`"
          + " (or synth without it: -c placeholderCode=true, never to deploy)");
    }
    return Code.fromAsset(jar.toString());
  }

  /** A one-file asset under {@code dir}: the template is complete, the functions would not start. */
  static Code placeholder(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("PLACEHOLDER.txt"),
          "Not the service: synthesized without lambda/target/collections-lambda.jar.\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Code.fromAsset(dir.toString());
  }
}
