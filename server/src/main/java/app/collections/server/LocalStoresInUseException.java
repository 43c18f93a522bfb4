package app.collections.server;

import app.collections.local.PortTakenException;

/**
 * A local store's port is taken, almost always by the service itself: {@code ./dev run} owns the
 * in-process S3 server and the data folder, so a command that opens them (import-prototype, eval,
 * reindex, bench) must run with it stopped. The message says so, instead of the port's stack trace.
 */
public final class LocalStoresInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  LocalStoresInUseException(String store, PortTakenException taken) {
    super("the " + store + " cannot start: port " + taken.port() + " is in use, most likely by the service (./dev run)"
        + " on this data folder (" + taken.owner() + "). This command runs the local stores itself, so it runs with"
        + " the service stopped: ./dev stop, run the command again, then ./dev run serves what it wrote", taken);
  }
}
