package app.collections.chat;

/**
 * Another writer saved the conversation since the caller read it: reload the latest checkpoint,
 * apply the turn to it and save again, or report a conflict to the client.
 */
public final class CheckpointConflictException extends RuntimeException {
  private final String sessionId;
  private final long expectedLatest;

  public CheckpointConflictException(String sessionId, long expectedLatest) {
    super("session " + sessionId + " has moved past checkpoint " + expectedLatest);
    this.sessionId = sessionId;
    this.expectedLatest = expectedLatest;
  }

  public String sessionId() {
    return sessionId;
  }

  public long expectedLatest() {
    return expectedLatest;
  }
}
