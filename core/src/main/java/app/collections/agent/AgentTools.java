package app.collections.agent;

import app.collections.logging.LogFields;
import app.collections.search.ItemDigest;

import app.collections.analyses.Analysis;
import app.collections.analyses.AnalysisDao;
import app.collections.auth.Tenant;
import app.collections.db.LoggableFailure;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import app.collections.json.Json;
import app.collections.search.RankedItem;
import app.collections.items.Categories;
import app.collections.items.ItemFilter;
import app.collections.search.SearchMode;
import app.collections.search.SearchService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.web.search.WebSearchEngine;
import dev.langchain4j.web.search.WebSearchOrganicResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's tools. The tenant is the caller's argument, given by the server for the
 * authenticated request: nothing the model writes names a user, so no text in an image can steer
 * a tool outside its owner's collection. Arguments the tools do not know are ignored.
 */
public final class AgentTools {
  public static final String SEARCH_COLLECTION = "searchCollection";
  public static final String GET_ITEM = "getItem";
  public static final String WEB_SEARCH = "webSearch";
  private static final Logger LOG = LoggerFactory.getLogger(AgentTools.class);
  private static final int MAX_LIMIT = 10;
  private static final int DEFAULT_LIMIT = 5;
  private static final int MAX_QUERY = 500;
  private static final int WEB_RESULTS = 5;

  private static final ToolSpecification SEARCH_SPEC = ToolSpecification.builder()
      .name(SEARCH_COLLECTION)
      .description("Searches the user's saved images (their analyses: headline, summary, places, text in the"
          + " image) and returns the best matches, best first, as JSON.")
      .parameters(JsonObjectSchema.builder()
          .addStringProperty("query", "What to look for, in a few words")
          .addEnumProperty("mode", List.of("HYBRID", "BM25", "VECTOR"),
              "HYBRID (default) fuses keywords and meaning; BM25 is keywords only; VECTOR is meaning only")
          .addStringProperty("category", "Only items of this category, e.g. Travel or Food")
          .addIntegerProperty("limit", "How many items, 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")")
          .required("query")
          .build())
      .build();
  private static final ToolSpecification GET_ITEM_SPEC = ToolSpecification.builder()
      .name(GET_ITEM)
      .description("Returns everything known about one of the user's items, by the itemId a search returned.")
      .parameters(JsonObjectSchema.builder().addStringProperty("itemId", "The item's id").required("itemId").build())
      .build();
  private static final ToolSpecification WEB_SPEC = ToolSpecification.builder()
      .name(WEB_SEARCH)
      .description("Searches the public web. Use only when the user asks for it or the collection cannot answer.")
      .parameters(JsonObjectSchema.builder().addStringProperty("query", "The web query").required("query").build())
      .build();

  private final SearchService search;
  private final ItemDao items;
  private final AnalysisDao analyses;
  private final WebSearchEngine web;

  /** {@code web} may be null: then there is no webSearch tool. */
  public AgentTools(SearchService search, ItemDao items, AnalysisDao analyses, WebSearchEngine web) {
    this.search = search;
    this.items = items;
    this.analyses = analyses;
    this.web = web;
  }

  /** The chat agent's tools. */
  public List<ToolSpecification> all() {
    return web == null ? List.of(SEARCH_SPEC, GET_ITEM_SPEC) : List.of(SEARCH_SPEC, GET_ITEM_SPEC, WEB_SPEC);
  }

  /** The collection's tools only (AGENTIC search ranks the collection, not the web). */
  public List<ToolSpecification> collectionOnly() {
    return List.of(SEARCH_SPEC, GET_ITEM_SPEC);
  }

  public ToolOutcome execute(Tenant tenant, ToolExecutionRequest request) {
    JsonNode args;
    try {
      args = Json.MAPPER.readTree(request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments());
    } catch (JsonProcessingException e) {
      return ToolOutcome.error("the arguments are not JSON");
    }
    try {
      return switch (request.name()) {
        case SEARCH_COLLECTION -> searchCollection(tenant, args);
        case GET_ITEM -> getItem(tenant, args);
        case WEB_SEARCH -> web == null ? ToolOutcome.error("no such tool: " + WEB_SEARCH) : webSearch(args);
        default -> ToolOutcome.error("no such tool: " + request.name());
      };
    } catch (RuntimeException e) {
      // The model sees that the tool failed and can answer without it; the cause stays in the log.
      LOG.warn("Tool {} failed for tenant {}", request.name(), LogFields.tenantHash(tenant), LoggableFailure.of(e));
      return ToolOutcome.error(request.name() + " failed");
    }
  }

  private ToolOutcome searchCollection(Tenant tenant, JsonNode args) {
    String query = args.path("query").asText("").strip();
    if (query.isEmpty()) {
      return ToolOutcome.error("query is required");
    }
    if (query.length() > MAX_QUERY) {
      query = query.substring(0, MAX_QUERY);
    }
    SearchMode mode = switch (args.path("mode").asText("HYBRID").toUpperCase(Locale.ROOT)) {
      case "BM25" -> SearchMode.BM25;
      case "VECTOR" -> SearchMode.VECTOR;
      default -> SearchMode.HYBRID;
    };
    String category = args.path("category").asText("").strip();
    int limit = Math.clamp(args.path("limit").asInt(DEFAULT_LIMIT), 1, MAX_LIMIT);
    List<UUID> ids = search.rank(tenant, query, mode,
            ItemFilter.NONE.withCategory(category.isEmpty() ? null : Categories.normalise(category).orElse(category)),
            null).stream()
        .limit(limit).map(RankedItem::itemId).toList();
    List<ObjectNode> found = digests(tenant, ids, ItemDigest::brief);
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("query", query);
    ArrayNode list = result.putArray("items");
    found.forEach(list::add);
    List<UUID> foundIds = found.stream().map(n -> UUID.fromString(n.path("itemId").asText())).toList();
    String summary = found.isEmpty() ? "no items found"
        : found.size() + (found.size() == 1 ? " item: " : " items, best: ") + found.getFirst().path("headline").asText("");
    return new ToolOutcome(result.toString(), foundIds, summary);
  }

  private ToolOutcome getItem(Tenant tenant, JsonNode args) {
    UUID id;
    try {
      id = UUID.fromString(args.path("itemId").asText("").strip());
    } catch (IllegalArgumentException e) {
      return new ToolOutcome("not found", List.of(), "not found");
    }
    List<ObjectNode> found = digests(tenant, List.of(id), ItemDigest::full);
    if (found.isEmpty()) {
      return new ToolOutcome("not found", List.of(), "not found");
    }
    return new ToolOutcome(found.getFirst().toString(), List.of(id), found.getFirst().path("headline").asText("item"));
  }

  private ToolOutcome webSearch(JsonNode args) {
    String query = args.path("query").asText("").strip();
    if (query.isEmpty()) {
      return ToolOutcome.error("query is required");
    }
    List<WebSearchOrganicResult> results = web.search(query).results();
    ArrayNode list = Json.MAPPER.createArrayNode();
    results.stream().limit(WEB_RESULTS).forEach(r -> list.addObject().put("title", r.title())
        .put("url", String.valueOf(r.url())).put("snippet", r.snippet()));
    return new ToolOutcome(list.toString(), List.of(), list.size() + " web results");
  }

  /** The tenant's items among {@code ids}, in that order; the DAOs filter on the tenant in SQL. */
  private List<ObjectNode> digests(Tenant tenant, List<UUID> ids, BiFunction<Item, Analysis, ObjectNode> digest) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<UUID, Item> byId = items.findAll(tenant, ids).stream().collect(Collectors.toMap(Item::id, Function.identity()));
    Map<UUID, Analysis> latest = analyses.latestForItems(tenant, ids).stream()
        .collect(Collectors.toMap(Analysis::itemId, Function.identity()));
    List<ObjectNode> out = new ArrayList<>();
    for (UUID id : ids) {
      Optional.ofNullable(byId.get(id)).ifPresent(item -> out.add(digest.apply(item, latest.get(id))));
    }
    return out;
  }
}
