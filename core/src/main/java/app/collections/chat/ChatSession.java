package app.collections.chat;

import java.time.Instant;

/** A conversation as listed: its META item. {@code title} is null until the agent names it. */
public record ChatSession(String id, String title, Instant createdAt, Instant lastActiveAt, int messageCount,
    long latestCheckpoint) {}
