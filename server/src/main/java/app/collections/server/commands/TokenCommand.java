package app.collections.server.commands;

import app.collections.local.auth.DevIssuer;

import app.collections.server.ServerConfiguration;
import app.collections.CollectionsConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code token NAME [config.yml]}: prints a dev-issuer token, and nothing else, on stdout. */
public final class TokenCommand extends ConfiguredCommand<ServerConfiguration> {
  public TokenCommand() {
    super("token", "Print a dev-issuer token for a user (local mode)");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("user").help("the user name, which becomes the token's sub");
    super.configure(subparser);
  }

  @Override
  protected void run(Bootstrap<ServerConfiguration> bootstrap, Namespace namespace,
      ServerConfiguration serverConfig) {
    CollectionsConfiguration configuration = serverConfig.collections();
    var config = configuration.getAuth().getDevIssuer();
    if (!config.isEnabled()) {
      throw new IllegalStateException("The dev issuer is off in this configuration (auth.devIssuer.enabled)");
    }
    String user = namespace.getString("user");
    if (!DevIssuer.isValidUserName(user)) {
      throw new IllegalArgumentException("A user name is 1 to 64 letters, digits, or . _ @ -");
    }
    System.out.println(DevIssuer.loadOrCreate(configuration.getDataDir(), config).mint(user));
  }
}
