package app.collections.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The functions' code, two jars: the service's for the API, processor and migrator functions, and
 * the import jar for the import function alone (the service's plus the prototype import and
 * SQLite, which no request needs to load). Or stand-ins for synth and tests without them.
 *
 * @param service {@value #SERVICE_JAR}
 * @param importer {@value #IMPORT_JAR}
 */
record LambdaArtifacts(Code service, Code importer) {
  static final String SERVICE_JAR = "../lambda/target/collections-lambda.jar";
  static final String IMPORT_JAR = "../lambda-import/target/collections-import.jar";
  /** A stand-in's one file. */
  static final String PLACEHOLDER = "PLACEHOLDER.txt";

  /** The built jars; either one missing fails the synth, never a deploy with half the code. */
  static LambdaArtifacts jars(Path service, Path importer) {
    return new LambdaArtifacts(jar(service), jar(importer));
  }

  /**
   * One-file assets under {@code dir}, one per jar, each saying which jar it stands for (so the
   * two differ as the jars do): the template is complete, the functions would not start.
   */
  static LambdaArtifacts placeholders(Path dir) {
    return new LambdaArtifacts(placeholder(dir.resolve("service"), SERVICE_JAR),
        placeholder(dir.resolve("import"), IMPORT_JAR));
  }

  private static Code jar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath().normalize() + " is missing: build it with `./dev build`"
          + " (or synth without the jars: -c placeholderCode=true, never to deploy)");
    }
    return Code.fromAsset(jar.toString());
  }

  private static Code placeholder(Path dir, String standsFor) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(PLACEHOLDER),
          "Not the service: synthesized without " + standsFor.substring("../".length()) + ".\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Code.fromAsset(dir.toString());
  }
}
