package app.collections.search;

import app.collections.auth.Tenant;
import java.util.List;

/**
 * AGENTIC mode: a model plans the searches and explains its choice. Declared here and implemented
 * by the agent package (which uses search), so the two packages depend one way.
 */
public interface AgenticSearcher {
  /** What the agent found, why, and the searches it ran. */
  record Result(SearchResults results, String explanation, List<String> subQueries) {}

  Result search(Tenant tenant, SearchRequest request);
}
