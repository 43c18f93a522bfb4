package app.collections.items;

/** One bucket of the category facet. */
public record CategoryCount(String name, int count) {}
