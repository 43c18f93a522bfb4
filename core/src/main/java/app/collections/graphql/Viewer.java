package app.collections.graphql;

/** The authenticated user, as {@code Query.viewer} shows them. */
public record Viewer(String id) {}
