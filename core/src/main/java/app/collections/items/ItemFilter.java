package app.collections.items;

import app.collections.places.Haversine;
import app.collections.places.PlaceNames;
import java.time.OffsetDateTime;

/**
 * What {@code items(filter:)} and every search mode's {@code filter} narrow to; null fields do
 * not filter. One predicate in SQL (items/item-filter.sql, defined as {@code <itemFilter>} for every
 * statement that filters: Database.jdbi), and the same in Java, {@link #matches}, for rankings that do not
 * come from SQL (AGENTIC). Time windows are half-open: after is inclusive, before exclusive, so
 * consecutive windows split a collection without gaps or overlaps.
 */
public record ItemFilter(
    String category,
    ItemStatus status,
    OffsetDateTime createdAfter,
    OffsetDateTime createdBefore,
    OffsetDateTime takenAfter,
    OffsetDateTime takenBefore,
    String place,
    Near near) {
  public static final ItemFilter NONE = new ItemFilter(null, null, null, null, null, null, null, null);

  /** Within {@code radiusKm} of a point, by great-circle distance. */
  public record Near(double latitude, double longitude, double radiusKm) {}

  public ItemFilter withCategory(String value) {
    return new ItemFilter(value, status, createdAfter, createdBefore, takenAfter, takenBefore, place, near);
  }

  public ItemFilter withStatus(ItemStatus value) {
    return new ItemFilter(category, value, createdAfter, createdBefore, takenAfter, takenBefore, place, near);
  }

  public ItemFilter withCreated(OffsetDateTime after, OffsetDateTime before) {
    return new ItemFilter(category, status, after, before, takenAfter, takenBefore, place, near);
  }

  public ItemFilter withTaken(OffsetDateTime after, OffsetDateTime before) {
    return new ItemFilter(category, status, createdAfter, createdBefore, after, before, place, near);
  }

  public ItemFilter withPlace(String value) {
    return new ItemFilter(category, status, createdAfter, createdBefore, takenAfter, takenBefore, value, near);
  }

  public ItemFilter withNear(Near value) {
    return new ItemFilter(category, status, createdAfter, createdBefore, takenAfter, takenBefore, place, value);
  }

  /** Whether it narrows anything: a search without a filter need not read the items table at all. */
  public boolean narrows() {
    return !equals(NONE);
  }

  /** The place as compared with an item's {@link Location#keys}: trimmed, without accents, lower case. */
  public String placeKey() {
    return place == null ? null : PlaceNames.key(place);
  }

  public Double nearLatitude() {
    return near == null ? null : near.latitude();
  }

  public Double nearLongitude() {
    return near == null ? null : near.longitude();
  }

  public Double nearRadiusKm() {
    return near == null ? null : near.radiusKm();
  }

  /** The filter applied in Java, for rankings that did not come from SQL (AGENTIC): as {@link #SQL}. */
  public boolean matches(Item item) {
    return (category == null || category.equals(item.category()))
        && (status == null || status == item.status())
        && (createdAfter == null || !item.createdAt().isBefore(createdAfter))
        && (createdBefore == null || item.createdAt().isBefore(createdBefore))
        && (takenAfter == null || (item.takenAt() != null && !item.takenAt().isBefore(takenAfter)))
        && (takenBefore == null || (item.takenAt() != null && item.takenAt().isBefore(takenBefore)))
        && (place == null || (item.location() != null && item.location().keys().contains(placeKey())))
        && (near == null || (item.location() != null && Haversine.km(near.latitude(), near.longitude(),
            item.location().latitude(), item.location().longitude()) <= near.radiusKm()));
  }

}
