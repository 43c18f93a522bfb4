package app.collections.http;

import app.collections.graphql.ApiException;
import app.collections.graphql.ErrorCode;
import app.collections.graphql.GraphqlRequest;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store's bounds, against real PostgreSQL (the HTTP round trips are in GraphqlHttpTest). */
class PersistedQueriesTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  void storesNoMoreThanItsBoundAndAnswersTheRestUnstored() {
    PersistedQueries store = new PersistedQueries(db.jdbi(), 1_000, 2);
    for (String query : new String[] {"{ a }", "{ b }", "{ c }"}) {
      PersistedQueries.Resolved resolved = store.resolve(registration(query));
      assertThat(resolved.register()).isEqualTo(PersistedQueries.sha256(query));
      store.register(resolved.register(), query);
    }
    int stored = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM persisted_queries").mapTo(Integer.class).one());
    assertThat(stored).isEqualTo(2);
    // The third was not stored, nor cached: its hash alone is still unknown, in this container and any other.
    for (PersistedQueries container : new PersistedQueries[] {store, new PersistedQueries(db.jdbi(), 1_000, 2)}) {
      assertThat(container.resolve(byHash("{ a }")).request().query()).isEqualTo("{ a }");
      assertThatThrownBy(() -> container.resolve(byHash("{ c }")))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERSISTED_QUERY_NOT_FOUND));
    }
  }

  @Test
  void refusesDocumentsLongerThanARequestAndMalformedExtensions() {
    PersistedQueries store = new PersistedQueries(db.jdbi(), 10);
    assertThatThrownBy(() -> store.resolve(registration("{ viewer { id } }")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT));
    for (Object bad : new Object[] {"x", Map.of("version", 2, "sha256Hash", PersistedQueries.sha256("{ a }")),
        Map.of("version", 1, "sha256Hash", "abc"), Map.of("version", 1)}) {
      assertThatThrownBy(() -> store.resolve(new GraphqlRequest(null, null, Map.of(), Map.of("persistedQuery", bad))))
          .as("%s", bad)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT));
    }
  }

  private static GraphqlRequest registration(String query) {
    return new GraphqlRequest(query, null, Map.of(), extensions(query));
  }

  private static GraphqlRequest byHash(String query) {
    return new GraphqlRequest(null, null, Map.of(), extensions(query));
  }

  private static Map<String, Object> extensions(String query) {
    return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedQueries.sha256(query)));
  }
}
