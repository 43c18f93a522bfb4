package app.collections.ratelimit;

/** A tenant's tokens left in each bucket (fractional: they refill continuously). */
public record Buckets(double requests, double searches, double modelCalls) {}
