package app.collections.items;

import app.collections.auth.Tenant;
import app.collections.graphql.ApiException;
import app.collections.graphql.Connection;
import app.collections.graphql.GlobalId;
import app.collections.graphql.GraphqlFeature;
import app.collections.graphql.PageRequest;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static app.collections.graphql.RequestContext.tenant;

/** {@code item}, {@code items}, {@code categories} and {@code deleteItem}. */
public final class ItemDataFetchers implements GraphqlFeature {
  public static final String TYPE = "Item";
  private static final int MAX_CATEGORY_LENGTH = 100;

  private final ItemDao items;
  private final ItemService service;
  private final int maxPageSize;

  public ItemDataFetchers(ItemDao items, ItemService service, int maxPageSize) {
    this.items = items;
    this.service = service;
    this.maxPageSize = maxPageSize;
  }

  @Override
  public void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t
        .dataFetcher("item", env -> find(tenant(env), GlobalId.decode(env.getArgument("id"), TYPE)))
        .dataFetcher("items", this::items)
        .dataFetcher("categories", env -> items.categories(tenant(env))));
    wiring.type("Mutation", t -> t.dataFetcher("deleteItem", this::deleteItem));
    wiring.type(TYPE, t -> t.dataFetcher("id", env -> GlobalId.encode(TYPE, env.<Item>getSource().id())));
  }

  @Override
  public Map<String, BiFunction<Tenant, UUID, Object>> nodeLookups() {
    return Map.of(TYPE, this::find);
  }

  private Item find(Tenant tenant, UUID id) {
    return items.find(tenant, id).orElse(null);
  }

  private Connection<Item> items(DataFetchingEnvironment env) {
    Tenant tenant = tenant(env);
    PageRequest page = PageRequest.from(env, maxPageSize);
    ItemFilter filter = filter(env.getArgument("filter"));
    ItemCursor cursor = page.cursor() == null ? null : ItemCursor.decode(page.cursor());
    OffsetDateTime at = cursor == null ? null : cursor.createdAt();
    UUID id = cursor == null ? null : cursor.id();
    List<Item> rows = page.size() == 0 ? List.of() : page.forward()
        ? items.pageForward(tenant, filter, at, id, page.size() + 1)
        : items.pageBackward(tenant, filter, at, id, page.size() + 1);
    return Connection.of(page, rows, ItemCursor::of, () -> items.count(tenant, filter));
  }

  private Map<String, Object> deleteItem(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    String globalId = (String) input.get("id");
    if (!service.delete(tenant(env), GlobalId.decode(globalId, TYPE))) {
      throw ApiException.notFound("No item with id " + globalId);
    }
    return Map.of("deletedItemId", globalId);
  }

  public static ItemFilter filter(Map<String, Object> input) {
    if (input == null) {
      return ItemFilter.NONE;
    }
    String category = (String) input.get("category");
    if (category != null && (category.isBlank() || category.length() > MAX_CATEGORY_LENGTH)) {
      throw ApiException.badInput("filter.category must be 1.." + MAX_CATEGORY_LENGTH + " characters");
    }
    String status = (String) input.get("status");
    OffsetDateTime after = (OffsetDateTime) input.get("createdAfter");
    OffsetDateTime before = (OffsetDateTime) input.get("createdBefore");
    if (after != null && before != null && !after.isBefore(before)) {
      throw ApiException.badInput("filter.createdAfter must be before filter.createdBefore");
    }
    // Stored categories are normalised (Categories): "career" finds the items filed as "Career".
    String stored = category == null ? null : Categories.normalise(category).orElse(category);
    return new ItemFilter(stored, status == null ? null : ItemStatus.valueOf(status), after, before);
  }
}
