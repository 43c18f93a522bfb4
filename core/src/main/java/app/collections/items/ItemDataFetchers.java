package app.collections.items;

import app.collections.auth.Tenant;
import app.collections.graphql.ApiException;
import app.collections.paging.Connection;
import app.collections.paging.GlobalId;
import app.collections.graphql.GraphqlFeature;
import app.collections.paging.PageRequest;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static app.collections.graphql.RequestContext.tenant;

/** {@code item}, {@code items}, {@code categories} and {@code deleteItem}. */
public final class ItemDataFetchers implements GraphqlFeature {
  public static final String TYPE = "Item";
  private static final int MAX_CATEGORY_LENGTH = 100;
  /** A place name: the longest GeoNames city, region or country name is under 100 characters. */
  private static final int MAX_PLACE_LENGTH = 200;
  /** Half the Earth's circumference: any larger radius is the whole planet. */
  private static final double MAX_RADIUS_KM = 20_038;

  private final ItemService service;
  private final int maxPageSize;

  public ItemDataFetchers(ItemService service, int maxPageSize) {
    this.service = service;
    this.maxPageSize = maxPageSize;
  }

  @Override
  public void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t
        .dataFetcher("item", env -> find(tenant(env), GlobalId.decode(env.getArgument("id"), TYPE)))
        .dataFetcher("items", this::items)
        .dataFetcher("categories", env -> service.categories(tenant(env)))
        .dataFetcher("places", env -> service.places(tenant(env))));
    wiring.type("Mutation", t -> t.dataFetcher("deleteItem", this::deleteItem));
    wiring.type(TYPE, t -> t.dataFetcher("id", env -> GlobalId.encode(TYPE, env.<Item>getSource().id())));
  }

  @Override
  public Map<String, BiFunction<Tenant, UUID, Object>> nodeLookups() {
    return Map.of(TYPE, this::find);
  }

  private Item find(Tenant tenant, UUID id) {
    return service.find(tenant, id).orElse(null);
  }

  private Connection<Item> items(DataFetchingEnvironment env) {
    return service.page(tenant(env), filter(env.getArgument("filter")), PageRequest.from(env, maxPageSize));
  }

  private Map<String, Object> deleteItem(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    String globalId = (String) input.get("id");
    if (!service.delete(tenant(env), GlobalId.decode(globalId, TYPE))) {
      throw ApiException.notFound("No item with id " + globalId);
    }
    return Map.of("deletedItemId", globalId);
  }

  /** The {@code ItemFilter} or {@code SearchFilter} input, checked; {@link ItemFilter#NONE} when absent. */
  public static ItemFilter filter(Map<String, Object> input) {
    if (input == null) {
      return ItemFilter.NONE;
    }
    String category = text(input, "category", "filter.category", MAX_CATEGORY_LENGTH);
    String status = (String) input.get("status");
    OffsetDateTime createdAfter = (OffsetDateTime) input.get("createdAfter");
    OffsetDateTime createdBefore = (OffsetDateTime) input.get("createdBefore");
    window(createdAfter, createdBefore, "created");
    OffsetDateTime takenAfter = (OffsetDateTime) input.get("takenAfter");
    OffsetDateTime takenBefore = (OffsetDateTime) input.get("takenBefore");
    window(takenAfter, takenBefore, "taken");
    String place = text(input, "place", "filter.place", MAX_PLACE_LENGTH);
    ItemFilter.Near near = near(input.get("near"));
    // Stored categories are normalised (Categories): "career" finds the items filed as "Career".
    String stored = category == null ? null : Categories.normalise(category).orElse(category);
    return new ItemFilter(stored, status == null ? null : ItemStatus.valueOf(status), createdAfter, createdBefore,
        takenAfter, takenBefore, place, near);
  }

  private static String text(Map<String, Object> input, String key, String name, int max) {
    String value = (String) input.get(key);
    if (value != null && (value.isBlank() || value.length() > max)) {
      throw ApiException.badInput(name + " must be 1.." + max + " characters");
    }
    return value;
  }

  private static void window(OffsetDateTime after, OffsetDateTime before, String what) {
    if (after != null && before != null && !after.isBefore(before)) {
      throw ApiException.badInput("filter." + what + "After must be before filter." + what + "Before");
    }
  }

  @SuppressWarnings("unchecked")
  private static ItemFilter.Near near(Object value) {
    if (value == null) {
      return null;
    }
    Map<String, Object> near = (Map<String, Object>) value;
    double latitude = ((Number) near.get("latitude")).doubleValue();
    double longitude = ((Number) near.get("longitude")).doubleValue();
    double radius = ((Number) near.get("radiusKm")).doubleValue();
    if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
      throw ApiException.badInput("filter.near must be a latitude of -90..90 and a longitude of -180..180");
    }
    if (!(radius > 0 && radius <= MAX_RADIUS_KM)) {
      throw ApiException.badInput("filter.near.radiusKm must be more than 0 and at most " + (int) MAX_RADIUS_KM);
    }
    return new ItemFilter.Near(latitude, longitude, radius);
  }
}
