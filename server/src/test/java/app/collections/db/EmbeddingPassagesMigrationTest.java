package app.collections.db;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.testing.TestDatabase;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** V5 on a database that already holds indexed, embedded items: nothing is lost, gists are filled in. */
class EmbeddingPassagesMigrationTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.unmigrated();

  @Test
  void existingDocumentsGetTheirGistAndExistingVectorsBecomePartZero() {
    Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("4").load().migrate();
    db.jdbi().useHandle(h -> h.execute("""
        INSERT INTO items (id, user_id, filename, content_type, byte_size, status)
        VALUES ('00000000-0000-0000-0000-000000000001', 'alice', 'a.jpg', 'image/jpeg', 1, 'READY');
        INSERT INTO analyses (id, user_id, item_id, version, provider, model, headline, summary, raw)
        VALUES ('00000000-0000-0000-0000-00000000000a', 'alice', '00000000-0000-0000-0000-000000000001', 1,
                'golden', 'golden', ' Ramen in Fukuoka ', 'A bowl at Ichiran.', '{}');
        INSERT INTO documents (user_id, item_id, analysis_id, body, length)
        VALUES ('alice', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000000a',
                'Ramen in Fukuoka' || E'\\n' || 'A bowl at Ichiran.' || E'\\n' || 'Places: Fukuoka', 9);
        INSERT INTO embeddings (user_id, item_id, model, dimension, embedding)
        VALUES ('alice', '00000000-0000-0000-0000-000000000001', 'e5-small-v2-q', 3, '[1,0,0]');
        """));

    Migrations.migrate(db.dataSource());

    Map<String, Object> row = db.jdbi().withHandle(h -> h.createQuery("""
            SELECT d.gist, e.part::int AS part FROM documents d JOIN embeddings e USING (user_id, item_id)""")
        .mapToMap().one());
    assertThat(row).containsEntry("gist", "Ramen in Fukuoka\nA bowl at Ichiran.").containsEntry("part", 0);
  }
}
