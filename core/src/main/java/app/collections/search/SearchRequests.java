package app.collections.search;

import app.collections.auth.Tenant;
import app.collections.errors.DomainException;
import java.util.List;

/**
 * A search as the API asks it: AGENTIC through the agent when a model is configured, any other
 * mode (or AGENTIC without a model, which SearchService answers as HYBRID and says so in its mode)
 * through {@link SearchService}, and an answer written from the hits when asked for.
 */
public final class SearchRequests {
  private final SearchService search;
  private final AgenticSearcher agentic;
  private final SearchAnswerer answerer;

  /** {@code agentic} and {@code answerer} are null without a model: AGENTIC and answers then say so. */
  public SearchRequests(SearchService search, AgenticSearcher agentic, SearchAnswerer answerer) {
    this.search = search;
    this.agentic = agentic;
    this.answerer = answerer;
  }

  /** A page of hits, the agent's account of how it ranked them (AGENTIC), and the answer (when asked). */
  public record Found(SearchResults results, String explanation, List<String> subQueries, SearchAnswer answer) {}

  public Found search(Tenant tenant, SearchRequest request, boolean answer) {
    if (answer && answerer == null) {
      throw DomainException.providerNotConfigured(
          "answer: true needs an LLM: set an Anthropic or OpenAI API key; or search without it");
    }
    SearchResults results;
    String explanation = null;
    List<String> subQueries = null;
    if (request.mode() == SearchMode.AGENTIC && agentic != null) {
      AgenticSearcher.Result agent = agentic.search(tenant, request);
      results = agent.results();
      explanation = agent.explanation();
      subQueries = agent.subQueries();
    } else {
      results = search.search(tenant, request);
    }
    SearchAnswer written = answer ? answerer.answer(tenant, request.query().strip(), results.hits()) : null;
    return new Found(results, explanation, subQueries, written);
  }

  /** The embedding model vector search uses. */
  public String embeddingModel() {
    return search.embeddingModel();
  }

  /** Each item's nearest items, {@code first} of them, for a page of items at once. */
  public java.util.Map<java.util.UUID, List<SearchHit>> similar(Tenant tenant, List<java.util.UUID> itemIds, int first) {
    return search.similarAll(tenant, itemIds, first);
  }
}
