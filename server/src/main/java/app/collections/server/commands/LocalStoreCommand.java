package app.collections.server.commands;

import app.collections.server.LocalStoresInUseException;
import app.collections.server.ServerConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * A command that opens the local stores in its own process (the in-process S3 server, the data
 * folder) beside the database. Its failures that a user can act on ({@link CommandFailure}, the
 * stores being in use by the running service) are printed as their sentence alone; anything else
 * keeps its stack trace, which is a bug's report. Dropwizard's {@code Cli} exits with status 1
 * either way.
 */
abstract class LocalStoreCommand extends ConfiguredCommand<ServerConfiguration> {
  LocalStoreCommand(String name, String description) {
    super(name, description);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof CommandFailure || e instanceof LocalStoresInUseException) {
      cli.getStdErr().println(getName() + ": " + e.getMessage());
    } else {
      super.onError(cli, namespace, e);
    }
  }
}
