package app.collections.items;

/** A place of the {@code places} facet, "City, Country", and how many of the viewer's items were taken there. */
public record PlaceCount(String name, int count) {}
