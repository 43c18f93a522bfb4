package app.collections.contract;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract API consumers rely on: the served schema is {@code schema.graphqls}, it matches the
 * committed snapshot ({@code src/test/resources/contract/schema.graphql}), and every breaking change
 * since the snapshot is acknowledged in {@code docs/schema-changelog.md}. README "Schema contract"
 * gives the workflow; {@code -Dcontract.update=true} rewrites the snapshot once nothing breaks
 * unacknowledged.
 */
class SchemaContractTest {
  /** Maven runs tests in server/; the contract and the changelog are the repository's. */
  private static final Path CONTRACT = Path.of("../schema.graphqls");
  private static final Path SNAPSHOT = Path.of("src/test/resources/contract/schema.graphql");
  private static final Path CHANGELOG = Path.of("../docs/schema-changelog.md");
  private static final boolean UPDATE = Boolean.getBoolean("contract.update");

  @Test
  void theServedSchemaIsSchemaGraphqls() throws IOException {
    String contract = SchemaContract.sdlOf(UnExecutableSchemaGenerator.makeUnExecutableSchema(
        new SchemaParser().parse(Files.readString(CONTRACT))));
    assertThat(SchemaContract.servedSdl()).isEqualTo(contract);
  }

  @Test
  void everyBreakingChangeSinceTheSnapshotIsAcknowledgedInTheChangelog() throws IOException {
    assertThat(SNAPSHOT).as("the committed snapshot of the served schema").exists();
    List<String> unacknowledged = SchemaContract.unacknowledged(Files.readString(SNAPSHOT),
        SchemaContract.servedSdl(), Files.readString(CHANGELOG));
    assertThat(unacknowledged)
        .as("breaking changes against %s: add a line `BREAKING: Type.field` with why and what clients do to %s",
            SNAPSHOT, CHANGELOG)
        .isEmpty();
  }

  @Test
  void theSnapshotIsTheServedSchema() throws IOException {
    String served = SchemaContract.servedSdl();
    // The first snapshot has nothing to break; later ones only once every breaking change is acknowledged.
    if (UPDATE && (!Files.exists(SNAPSHOT)
        || SchemaContract.unacknowledged(read(SNAPSHOT), served, Files.readString(CHANGELOG)).isEmpty())) {
      Files.writeString(SNAPSHOT, served, StandardCharsets.UTF_8);
    }
    assertThat(read(SNAPSHOT))
        .as("the served schema changed: acknowledge any breaking change in %s, then run"
            + " `mvn -o verify -pl server -am -DskipITs -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SchemaContractTest -Dcontract.update=true` and commit %s", CHANGELOG, SNAPSHOT)
        .isEqualTo(served);
  }

  // What the guard catches, proved on copies of the served schema.

  @Test
  void aRemovedFieldIsBreakingUntilTheChangelogAcknowledgesIt() {
    String served = SchemaContract.servedSdl();
    String withoutViewer = SdlEdit.withoutField(served, "Query", "viewer");

    assertThat(SchemaContract.unacknowledged(served, withoutViewer, "# Schema changelog\n"))
        .singleElement().asString().startsWith("Query.viewer: ");
    assertThat(SchemaContract.unacknowledged(served, withoutViewer,
        "- BREAKING: `Query.viewer` removed; read `node` instead\n")).isEmpty();
    // Acknowledging another field does not cover this one.
    assertThat(SchemaContract.unacknowledged(served, withoutViewer, "- BREAKING: Query.search\n")).hasSize(1);
  }

  @Test
  void aRemovedEnumValueANewRequiredArgumentAndANullableOutputAreBreaking() {
    String served = SchemaContract.servedSdl();
    assertThat(SchemaContract.breakingChanges(served, SdlEdit.withoutEnumValue(served, "VisionProvider", "LOCAL")))
        .extracting(SchemaContract::key).contains("VisionProvider");
    assertThat(SchemaContract.breakingChanges(served,
        SdlEdit.withRequiredArgument(served, "Query", "chatSession", "since", "DateTime")))
        .extracting(SchemaContract::key).contains("Query.chatSession");
    assertThat(SchemaContract.breakingChanges(served, SdlEdit.withNullableField(served, "Query", "viewer")))
        .extracting(SchemaContract::key).contains("Query.viewer");
  }

  @Test
  void anAddedOptionalFieldIsNotBreaking() {
    String served = SchemaContract.servedSdl();
    assertThat(SchemaContract.breakingChanges(served, SdlEdit.withField(served, "Query", "serverTime", "DateTime")))
        .isEmpty();
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
