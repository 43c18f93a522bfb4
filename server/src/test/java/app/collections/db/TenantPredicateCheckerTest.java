package app.collections.db;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.lifecycle.JobDao;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The holes a textual {@code user_id = :tenant} check let through, each as a small statement the
 * parsing check must report, and statements shaped like the real DAOs' that it must pass. No
 * database: the tenant tables are given.
 */
class TenantPredicateCheckerTest {
  private static final List<String> TENANT_TABLES = List.of("items", "analyses", "jobs", "postings", "corpus_stats");
  private final TenantPredicateChecker checker = new TenantPredicateChecker(TENANT_TABLES);

  // The holes.

  @Test
  void aFilterOredWithTrueFiltersNothing() {
    assertThat(problems("SELECT id FROM items WHERE user_id = :tenant OR true")).singleElement().asString()
        .contains("items (SELECT) has no conjunctive `items.user_id = :tenant`");
  }

  @Test
  void aSecondTenantTableJoinedWithoutItsOwnFilter() {
    assertThat(problems("""
        SELECT i.id, a.headline FROM items i JOIN analyses a ON a.item_id = i.id
        WHERE i.user_id = :tenant"""))
        .singleElement().asString().contains("analyses a").contains("`a.user_id = :tenant`");
  }

  @Test
  void aFilterInsideACommentFiltersNothing() {
    assertThat(problems("SELECT id FROM items /* WHERE user_id = :tenant */ WHERE id = :id")).hasSize(1);
    assertThat(problems("SELECT id FROM items WHERE id = :id -- AND user_id = :tenant")).hasSize(1);
  }

  @Test
  void aSchemaQualifiedTableIsTheTable() {
    assertThat(problems("SELECT id FROM public.items WHERE id = :id")).singleElement().asString()
        .contains("public.items");
    assertThat(problems("SELECT i.id FROM items i JOIN public.analyses a ON a.item_id = i.id WHERE i.user_id = :tenant"))
        .singleElement().asString().contains("public.analyses a");
    assertThat(problems("DELETE FROM public.jobs WHERE id = :id")).hasSize(1);
  }

  @Test
  void aCommaJoinedTenantTableNeedsItsOwnFilter() {
    assertThat(problems("SELECT i.id FROM items i, analyses a WHERE i.user_id = :tenant AND a.item_id = i.id"))
        .singleElement().asString().contains("analyses a");
  }

  @Test
  void aFilterUnderAnOrNotOrCaseFiltersNothing() {
    assertThat(problems("SELECT id FROM items WHERE (user_id = :tenant AND status = 'READY') OR status = 'FAILED'"))
        .hasSize(1);
    assertThat(problems("SELECT id FROM items WHERE NOT (user_id <> :tenant OR user_id = :tenant)")).hasSize(1);
    assertThat(problems("SELECT id FROM items WHERE CASE WHEN :all THEN true ELSE user_id = :tenant END")).hasSize(1);
  }

  @Test
  void theTenantMustBeBoundFromATenantParameter() throws Exception {
    DaoMethod method = new DaoMethod(Fakes.class, Fakes.class.getDeclaredMethod("ids", String.class, Tenant.class));
    assertThat(method.tenantParameters()).containsExactly("owner");
    TenantStatement statement = new TenantStatement("Fakes.ids", "SELECT id FROM items WHERE user_id = :tenant",
        Map.of(), method.tenantParameters());
    assertThat(checker.check(statement))
        .anySatisfy(p -> assertThat(p).contains("compares user_id with :tenant, which is not bound from a Tenant"))
        .anySatisfy(p -> assertThat(p).contains("has no conjunctive `items.user_id = :owner`"));
  }

  @Test
  void aTenantBoundUnderAnotherNameIsFoundByItsBindName() throws Exception {
    DaoMethod method = new DaoMethod(Fakes.class, Fakes.class.getDeclaredMethod("bound", Tenant.class));
    assertThat(method.tenantParameters()).containsExactly("tenant");
    assertThat(checker.check(new TenantStatement("Fakes.bound", "SELECT id FROM items WHERE user_id = :tenant",
        Map.of(), method.tenantParameters()))).isEmpty();
  }

  @Test
  void aStaleExceptionKeyIsReported() {
    List<DaoMethod> jobs = DaoMethod.of(JobDao.class);
    assertThat(DaoMethod.stale(List.of("app.collections.lifecycle.JobDao#claimNext(long)"), jobs)).isEmpty();
    assertThat(DaoMethod.stale(List.of("app.collections.lifecycle.JobDao#claimNext(int)",
        "app.collections.lifecycle.JobDao#claimEverything(long)", "JobDao.claimNext"), jobs))
        .containsExactly("JobDao.claimNext", "app.collections.lifecycle.JobDao#claimEverything(long)",
            "app.collections.lifecycle.JobDao#claimNext(int)");
  }

  // More places a tenant table hides, each a query block of its own.

  @Test
  void everyQueryBlockIsCheckedOnItsOwn() {
    assertThat(problems("SELECT id FROM items WHERE user_id = :tenant AND id IN (SELECT item_id FROM jobs)"))
        .singleElement().asString().contains("jobs");
    assertThat(problems("SELECT id FROM items WHERE user_id = :tenant UNION SELECT item_id FROM analyses"))
        .singleElement().asString().contains("analyses");
    assertThat(problems("WITH j AS (SELECT item_id FROM jobs) SELECT i.id FROM items i JOIN j ON j.item_id = i.id"
        + " WHERE i.user_id = :tenant")).singleElement().asString().contains("jobs");
    assertThat(problems("SELECT i.id FROM items i CROSS JOIN LATERAL (SELECT tf FROM postings p WHERE p.item_id = i.id) x"
        + " WHERE i.user_id = :tenant")).singleElement().asString().contains("postings p");
    // The outer filter does not reach into the subquery: its own block has none.
    assertThat(problems("SELECT id FROM items WHERE user_id = :tenant AND EXISTS (SELECT 1 FROM jobs j WHERE j.item_id = items.id)"))
        .hasSize(1);
  }

  @Test
  void anUnqualifiedUserIdIsAmbiguousBesideAnotherTable() {
    assertThat(problems("SELECT i.id FROM items i JOIN analyses a ON a.item_id = i.id WHERE user_id = :tenant"))
        .hasSize(2);
  }

  @Test
  void theOnOfAnOuterJoinDoesNotFilterTheSideItKeeps() {
    assertThat(problems("SELECT i.id FROM items i LEFT JOIN analyses a ON a.user_id = :tenant AND i.user_id = :tenant"))
        .singleElement().asString().contains("items i");
    assertThat(problems("SELECT i.id FROM items i RIGHT JOIN analyses a ON a.user_id = :tenant WHERE i.user_id = :tenant"))
        .singleElement().asString().contains("analyses a");
  }

  @Test
  void writesMustStayInTheTenant() {
    assertThat(problems("UPDATE items SET status = 'READY' WHERE id = :id")).hasSize(1);
    assertThat(problems("UPDATE items SET user_id = :other WHERE user_id = :tenant AND id = :id"))
        .singleElement().asString().contains("sets user_id to :other");
    assertThat(problems("UPDATE items i SET status = 'READY' FROM jobs j WHERE i.user_id = :tenant AND j.item_id = i.id"))
        .singleElement().asString().contains("jobs j");
    assertThat(problems("DELETE FROM items i USING jobs j WHERE i.user_id = :tenant AND j.item_id = i.id"))
        .singleElement().asString().contains("jobs j");
    assertThat(problems("DELETE FROM jobs WHERE id = :id RETURNING (SELECT count(*) FROM items)")).hasSize(2);
  }

  @Test
  void anInsertWritesUserIdFromTheTenant() {
    assertThat(problems("INSERT INTO items (id, filename) VALUES (:id, :name)"))
        .singleElement().asString().contains("does not write user_id");
    assertThat(problems("INSERT INTO items VALUES (:id, :tenant)")).singleElement().asString().contains("lists no columns");
    assertThat(problems("INSERT INTO items (id, user_id) VALUES (:id, :userId)"))
        .singleElement().asString().contains("writes user_id from :userId");
    assertThat(problems("INSERT INTO items (id, user_id) VALUES (:a, :tenant), (:b, 'bob')"))
        .singleElement().asString().contains("writes user_id from 'bob'");
    assertThat(problems("INSERT INTO jobs (id, user_id, item_id) SELECT :id, i.user_id, i.id FROM items i WHERE i.id = :itemId"))
        .hasSize(2); // user_id not from :tenant, and items read unfiltered
    assertThat(problems("INSERT INTO jobs (id, user_id) SELECT :id, :tenant UNION ALL SELECT :id2, :someone"))
        .singleElement().asString().contains(":someone");
    assertThat(problems("INSERT INTO items (id, user_id) SELECT id, user_id FROM (SELECT * FROM items) x")).isNotEmpty();
  }

  @Test
  void onConflictDoUpdateMustConflictOnTheTenant() {
    assertThat(problems("INSERT INTO items (id, user_id, filename) VALUES (:id, :tenant, :name)"
        + " ON CONFLICT (id) DO UPDATE SET filename = excluded.filename"))
        .singleElement().asString().contains("does not conflict on user_id");
    assertThat(problems("INSERT INTO items (id, user_id, filename) VALUES (:id, :tenant, :name)"
        + " ON CONFLICT ON CONSTRAINT items_pkey DO UPDATE SET filename = excluded.filename")).hasSize(1);
  }

  @Test
  void aTemplateFragmentIsCheckedAsItIsPutIn() {
    // JDBI puts the text in unparenthesised: its top-level OR swallows the tenant filter.
    TenantStatement statement = new TenantStatement("fragment", "SELECT id FROM items i WHERE i.user_id = :tenant AND <f>",
        Map.of("f", "i.category = :f.category OR true"), Set.of("tenant"));
    assertThat(checker.check(statement)).hasSize(1);
    assertThat(checker.check(new TenantStatement("unknown", "SELECT id FROM items i WHERE i.user_id = :tenant AND <g>",
        Map.of(), Set.of("tenant")))).singleElement().asString().contains("template attribute <g>");
  }

  @Test
  void whatDoesNotParseOrHidesASecondStatementIsReported() {
    assertThat(problems("SELECT id FROM items WHERE user_id = :tenant AND")).singleElement().asString()
        .contains("does not parse");
    assertThat(problems("SELECT id FROM items WHERE user_id = :tenant; DELETE FROM items"))
        .singleElement().asString().contains("2 statements");
  }

  @Test
  void aTenantTableInAStatementTheCheckWasNotTaughtIsReported() {
    // MERGE parses, but is no query block the check knows: its target is still found, and reported.
    assertThat(problems("""
        MERGE INTO items i USING (SELECT :id AS id) s ON i.user_id = :tenant AND i.id = s.id
        WHEN MATCHED THEN UPDATE SET status = 'READY'"""))
        .singleElement().asString().contains("where no tenant filter can govern it");
  }

  // What must pass.

  @Test
  void correctStatementsPass() {
    for (String sql : List.of(
        "SELECT id FROM items WHERE user_id = :tenant AND id = ANY(:ids)",
        "SELECT id FROM public.items WHERE items.user_id = :tenant",
        "SELECT i.id, a.headline FROM items i JOIN analyses a ON a.user_id = :tenant AND a.item_id = i.id"
            + " WHERE (i.user_id = :tenant AND i.status = 'READY') AND (i.category = :c OR :c IS NULL)",
        "SELECT i.id FROM items i, analyses a WHERE i.user_id = :tenant AND a.user_id = :tenant AND a.item_id = i.id",
        "SELECT i.id FROM items i LEFT JOIN analyses a ON a.user_id = :tenant AND a.item_id = i.id WHERE i.user_id = :tenant",
        """
            WITH corpus AS (SELECT documents AS n FROM corpus_stats WHERE user_id = :tenant)
            SELECT p.item_id, row_number() OVER (ORDER BY p.tf DESC) AS rank, e.embedding <=> CAST(:v AS vector(3)) AS d
            FROM corpus c
            CROSS JOIN LATERAL (SELECT item_id, tf FROM postings WHERE user_id = :tenant AND lexeme = :l LIMIT :depth) p
            JOIN items e ON e.user_id = :tenant AND e.id = p.item_id
            WHERE e.created_at > now() - make_interval(secs => :seconds) AND e.embedding::vector(3) <#> :v < 1""",
        "SELECT lexeme FROM unnest(to_tsvector('english', :query))",
        "INSERT INTO items (id, user_id, filename) VALUES (:item.id, :tenant, :item.filename) ON CONFLICT DO NOTHING",
        """
            INSERT INTO jobs (id, user_id, item_id) SELECT :id, :tenant, :itemId
            WHERE EXISTS (SELECT 1 FROM items WHERE user_id = :tenant AND id = :itemId)
            ON CONFLICT (user_id, item_id) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING""",
        """
            INSERT INTO corpus_stats (user_id, documents) VALUES (:tenant, 1)
            ON CONFLICT (user_id) DO UPDATE SET documents = corpus_stats.documents + excluded.documents
            RETURNING documents""",
        """
            UPDATE jobs SET status = 'RUNNING'
            WHERE user_id = :tenant AND id = (SELECT id FROM jobs WHERE user_id = :tenant ORDER BY run_after
                                              LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id""",
        "DELETE FROM items i USING jobs j WHERE i.user_id = :tenant AND j.user_id = :tenant AND j.item_id = i.id",
        "SELECT id FROM items WHERE user_id = :tenant /* AND it is OR true */ -- OR true")) {
      assertThat(problems(sql)).as(sql).isEmpty();
    }
  }

  private List<String> problems(String sql) {
    return checker.check(TenantStatement.of("test", sql));
  }

  /** Methods whose parameters make the binding cases; never run. */
  interface Fakes {
    List<UUID> ids(String tenant, Tenant owner);

    List<UUID> bound(@org.jdbi.v3.sqlobject.customizer.Bind("tenant") Tenant owner);
  }
}
