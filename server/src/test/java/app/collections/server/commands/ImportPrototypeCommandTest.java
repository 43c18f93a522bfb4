package app.collections.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.json.Json;
import app.collections.prototype.PrototypeData;
import app.collections.prototype.PrototypeFolders;
import app.collections.server.CollectionsApplication;
import app.collections.testing.CommandConfig;
import app.collections.testing.Commands;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-prototype} as a user runs it on folders in the prototype's real export shape: a whole
 * folder says OK and exits 0, from collections.db and from exports/database.json alone; a folder
 * that lost images, or whose manifest is not the prototype's, says what is wrong and exits 1.
 */
class ImportPrototypeCommandTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path dir;
  String missing;

  @BeforeEach
  void setUp() throws Exception {
    db.truncate();
    missing = Json.MAPPER.readTree(Fixtures.sharedDir().resolve("prototype/fixture-notes.json").toFile())
        .path("missing_image").get(0).asText();
  }

  @Test
  void aWholeFolderImportsWholeFromCollectionsDbAndASecondRunAddsNothing() throws Exception {
    Path folder = PrototypeFolders.copyImagesAndManifest(PrototypeFolders.DATA, dir.resolve("data"));
    PrototypeFolders.copyDatabaseWithout(folder, Set.of(missing));

    Commands.Run run = Commands.attempt("import-prototype", folder.toString(), "--user", "whole", config(0).toString());

    assertThat(run.exit()).as(run.stderr()).isEmpty();
    assertThat(run.stdout()).contains("items      source 54, here 54, not imported 0")
        .contains("analyses   source 59, here 59, not imported 0")
        .contains("raw JSON   59 identical byte for byte, 0 different")
        .contains("images     54 sha256 verified against the manifest")
        .contains("OK: nothing was lost: all 54 item(s), 59 analysis version(s) and their images are here");
    assertThat(db.jdbi().onDemand(ItemDao.class).ids(new Tenant("whole"))).hasSize(54);

    Commands.Run again = Commands.attempt("import-prototype", folder.toString(), "--user", "whole", config(0).toString());
    assertThat(again.exit()).isEmpty();
    assertThat(again.stdout()).contains("IMPORTED=0, COMPLETED=0, ALREADY_THERE=54")
        .contains("Nothing new to import").contains("OK: nothing was lost");
  }

  @Test
  void aWholeFolderImportsWholeFromItsJsonExportAlone() throws Exception {
    Path folder = PrototypeFolders.copyImagesAndManifest(PrototypeFolders.DATA, dir.resolve("data"));
    PrototypeFolders.writeExport(PrototypeFolders.DATA.resolve(PrototypeData.DATABASE),
        folder.resolve(PrototypeData.EXPORT), Set.of(missing));

    Commands.Run run = Commands.attempt("import-prototype", folder.toString(), "--user", "json", config(0).toString());

    assertThat(run.exit()).as(run.stderr()).isEmpty();
    assertThat(run.stdout()).contains("(exports/database.json)").contains("items      source 54, here 54")
        .contains("raw JSON   59 identical byte for byte").contains("no FTS5 index to compare with")
        .contains("OK: nothing was lost");
  }

  @Test
  void imagesThatAreMissingMakeItNotOkWithTheirIdsAndStatusOne() throws Exception {
    Path folder = PrototypeFolders.copyImagesAndManifest(PrototypeFolders.DATA, dir.resolve("data"));
    Files.copy(PrototypeFolders.DATA.resolve(PrototypeData.DATABASE), folder.resolve(PrototypeData.DATABASE));
    List<Path> images;
    try (var files = Files.list(folder.resolve("images"))) {
      images = files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(3).toList();
    }
    List<String> gone = new ArrayList<>();
    for (Path image : images) {
      Files.delete(image);
      gone.add(image.getFileName().toString().replace(".jpg", ""));
    }

    Commands.Run run = Commands.attempt("import-prototype", folder.toString(), "--user", "holes", config(0).toString());

    assertThat(run.exit()).contains(1);
    assertThat(run.stdout()).contains("items      source 55, here 51, not imported 4");
    gone.forEach(id -> assertThat(run.stdout()).contains("skipped " + id + ": image missing: images/" + id + ".jpg"));
    assertThat(run.stderr()).contains("NOT OK: 4 of 55 item(s) not here (image missing: 4)")
        .doesNotContain("Exception");
    assertThat(run.stdout()).doesNotContain("OK: nothing was lost");
  }

  @Test
  void aManifestThatIsNotThePrototypesIsRefusedByNameWithStatusOneAndNothingWritten() throws Exception {
    Path folder = PrototypeFolders.copyImagesAndManifest(PrototypeFolders.DATA, dir.resolve("data"));
    Files.copy(PrototypeFolders.DATA.resolve(PrototypeData.DATABASE), folder.resolve(PrototypeData.DATABASE));
    // The shape the old fixture had, which the prototype never wrote: a bare list of entries.
    ObjectNode manifest = (ObjectNode) Json.MAPPER.readTree(folder.resolve(PrototypeData.MANIFEST).toFile());
    Json.MAPPER.writeValue(folder.resolve(PrototypeData.MANIFEST).toFile(), manifest.get("images"));

    // The real process, for its real exit status.
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CollectionsApplication.class.getName(),
        "import-prototype", folder.toString(), "--user", "bare", config(0).toString())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(err).contains("import-prototype: nothing imported: exports/images_manifest.json is not what the"
        + " prototype writes: expected an object {\"exported_at\", \"images_path\", \"images\": [{\"filename\"")
        .contains("found a bare list of 55 entries").doesNotContain("\tat ");
    assertThat(db.jdbi().onDemand(ItemDao.class).ids(new Tenant("bare"))).isEmpty();

    Files.writeString(folder.resolve(PrototypeData.MANIFEST), "{\"exported_at\": \"2025-12-27T04:34:18\", \"images\": [");
    Commands.Run truncated = Commands.attempt("import-prototype", folder.toString(), "--user", "bare", config(0).toString());
    assertThat(truncated.exit()).contains(1);
    assertThat(truncated.stderr()).contains("exports/images_manifest.json is not JSON (");
  }

  @Test
  void refusesAtOnceWhenTheRunningServiceHoldsTheLocalStores() throws Exception {
    Path folder = PrototypeFolders.copyImagesAndManifest(PrototypeFolders.DATA, dir.resolve("data"));
    Files.copy(PrototypeFolders.DATA.resolve(PrototypeData.DATABASE), folder.resolve(PrototypeData.DATABASE));
    // What ./dev run holds: the local S3 server's port.
    try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Commands.Run run = Commands.attempt("import-prototype", folder.toString(), "--user", "busy",
          config(service.getLocalPort()).toString());

      assertThat(run.exit()).contains(1);
      assertThat(run.stderr()).contains("import-prototype: the local S3 server cannot start: port "
          + service.getLocalPort() + " is in use, most likely by the service (./dev run)")
          .contains("./dev stop").doesNotContain("\tat ");
    }
    assertThat(db.jdbi().onDemand(ItemDao.class).ids(new Tenant("busy"))).isEmpty();
  }

  private Path config(int s3Port) throws Exception {
    return CommandConfig.write(dir, db, s3Port);
  }
}
