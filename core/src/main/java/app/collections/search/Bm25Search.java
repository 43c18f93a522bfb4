package app.collections.search;

import app.collections.items.ItemFilter;
import app.collections.auth.Tenant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Okapi BM25 over the postings index, floored (see {@link Floor}). */
public final class Bm25Search {
  private final SearchDao dao;
  private final SearchConfiguration config;

  public Bm25Search(Jdbi jdbi, SearchConfiguration config) {
    this.dao = jdbi.onDemand(SearchDao.class);
    this.config = config;
  }

  public List<ScoredItem> search(Tenant tenant, String query, ItemFilter filter, Floor floor, int limit) {
    // A filter can remove any share of a term's best postings, so filtered queries read them all.
    return floor.apply(ItemFilter.NONE.equals(filter)
        ? dao.bm25Top(tenant, query, config.getK1(), config.getB(), config.getBm25Depth(), limit)
        : dao.bm25(tenant, query, config.getK1(), config.getB(), filter, limit));
  }
}
