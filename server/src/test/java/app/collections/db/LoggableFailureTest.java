package app.collections.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import app.collections.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failed statement, as the pipeline's and the fetchers' logs print it (message, stack, causes),
 * does not quote the user's text that was bound to it. Real PostgreSQL: its own message for a bad
 * cast quotes the bound value.
 */
class LoggableFailureTest {
  private static final String USERS_TEXT = "my private note about grandma";

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  void aFailedStatementIsLoggedWithoutItsBoundValues() {
    Throwable failure = catchThrowable(() -> db.jdbi().withHandle(h ->
        h.createQuery("SELECT CAST(:text AS integer)").bind("text", USERS_TEXT).mapTo(Integer.class).one()));
    // What the pipeline catches: the statement's exception, maybe inside one of ours.
    Throwable wrapped = new IllegalStateException("storing the analysis failed", failure);

    assertThat(printed(failure)).contains(USERS_TEXT);
    for (Throwable caught : new Throwable[] {failure, wrapped}) {
      String logged = printed(LoggableFailure.of(caught));
      assertThat(logged).doesNotContain(USERS_TEXT).doesNotContain("grandma").contains("22P02");
    }
    assertThat(printed(LoggableFailure.of(failure))).contains("SELECT CAST(:text AS integer)");
  }

  @Test
  void aFailureWithoutSqlIsLoggedAsItIs() {
    IllegalStateException failure = new IllegalStateException("no SQL here");
    assertThat(LoggableFailure.of(failure)).isSameAs(failure);
  }

  private static String printed(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
