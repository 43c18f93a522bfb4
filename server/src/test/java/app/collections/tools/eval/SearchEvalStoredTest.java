package app.collections.tools.eval;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.auth.Tenant;
import app.collections.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code eval --user} on a user with nothing stored refuses, rather than reporting zeros. */
class SearchEvalStoredTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  void aUserWithNoItemsIsRefusedWithWhatToDo() {
    SearchEval eval = new SearchEval(db.jdbi(), null, null, null);
    assertThatThrownBy(() -> eval.stored(new Tenant("golden")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user golden has no items stored")
        .hasMessageContaining("--golden-user golden");
  }
}
