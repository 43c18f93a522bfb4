package app.collections.local;

/** A local stand-in's fixed port is already listened on, by the process {@link #owner()} describes. */
public final class PortTakenException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final int port;
  private final String owner;

  PortTakenException(int port, String setting, String owner) {
    super("port " + port + " (" + setting + ") is taken by " + owner + ": stop it or choose another port");
    this.port = port;
    this.owner = owner;
  }

  public int port() {
    return port;
  }

  /** "pid N (its command line)", or "an unidentified process". */
  public String owner() {
    return owner;
  }
}
