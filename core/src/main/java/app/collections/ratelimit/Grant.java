package app.collections.ratelimit;

/**
 * What one take granted, kind by kind, and the tokens left after it. Searches and model calls are
 * granted only with the request; a kind the request does not use (cost 0) is granted.
 */
public record Grant(boolean request, boolean searches, boolean modelCalls, Buckets left) {}
