package app.collections.server.commands;

import app.collections.local.embeddings.LocalEmbedder;
import app.collections.embeddings.EmbeddingDao;

import app.collections.embeddings.Embedders;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.testing.CommandConfig;
import app.collections.testing.Commands;
import app.collections.testing.Fixtures;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import com.pgvector.PGvector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A model switch is a re-embed: {@code reindex} fills what is missing and drops the old vectors. */
class ReindexCommandTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path dir;

  @Test
  void embedsWhatLacksAVectorOfTheModelAndDropsOldOnes() throws Exception {
    Tenant alice = new Tenant("alice");
    Tenant bob = new Tenant("bob");
    SearchableItems searchable = new SearchableItems(db.jdbi());
    List<UUID> ids = new ArrayList<>();
    Fixtures.goldenAnalyses().subList(0, 4).forEach(g -> ids.add(searchable.add(alice, g)));
    searchable.add(bob, Fixtures.goldenAnalyses().get(4));
    EmbeddingDao embeddings = db.jdbi().onDemand(EmbeddingDao.class);
    // As if the model had just changed: alice's vectors are of an older one.
    db.jdbi().useHandle(h -> h.execute("DELETE FROM embeddings WHERE user_id = 'alice'"));
    embeddings.upsert(alice, ids.get(0), "old-model", 0, 3, new PGvector(new float[] {1, 0, 0}));
    assertThat(embeddings.tenantsMissing(LocalEmbedder.MODEL)).containsExactly("alice");

    String out = Commands.run("reindex", "--drop-old", config().toString());

    assertThat(out).contains("4 item(s) of 1 user(s) to embed with " + LocalEmbedder.MODEL);
    // Two passages per item: the whole document and its gist.
    assertThat(embeddings.count(alice, LocalEmbedder.MODEL)).isEqualTo(4 * EmbeddingDao.MAX_PARTS);
    assertThat(embeddings.count(alice, "old-model")).isZero();
    assertThat(embeddings.count(bob, LocalEmbedder.MODEL)).isEqualTo(EmbeddingDao.MAX_PARTS);
    assertThat(Commands.run("reindex", config().toString())).contains("0 item(s) of 0 user(s)");
  }

  @Test
  void completesItemsEmbeddedBeforeGistsWere() throws Exception {
    Tenant carol = new Tenant("carol");
    UUID id = new SearchableItems(db.jdbi()).add(carol, Fixtures.goldenAnalyses().get(5));
    EmbeddingDao embeddings = db.jdbi().onDemand(EmbeddingDao.class);
    // As an item embedded before V5: its whole document's vector only.
    embeddings.deletePartsFrom(carol, id, LocalEmbedder.MODEL, 1);
    assertThat(embeddings.missing(carol, LocalEmbedder.MODEL, 10)).containsExactly(id);
    assertThat(embeddings.tenantsMissing(LocalEmbedder.MODEL)).contains("carol");

    Commands.run("reindex", config().toString());

    assertThat(embeddings.count(carol, LocalEmbedder.MODEL)).isEqualTo(EmbeddingDao.MAX_PARTS);
    assertThat(embeddings.countMissing(carol, LocalEmbedder.MODEL)).isZero();
  }

  private Path config() throws Exception {
    return CommandConfig.write(dir, db, null);
  }
}
