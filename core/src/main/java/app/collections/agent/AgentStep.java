package app.collections.agent;

/**
 * One tool call of a turn, as the client sees it: the tool, its arguments (JSON), what it found,
 * and how long it took.
 */
public record AgentStep(String tool, String input, String summary, double tookMs) {}
