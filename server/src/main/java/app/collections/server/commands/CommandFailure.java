package app.collections.server.commands;

/**
 * A command that cannot do what was asked, for a reason its user can act on: printed as one
 * sentence on stderr, without a stack trace, and the process exits with status 1.
 */
public final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommandFailure(String message) {
    super(message, null, false, false);
  }
}
