package app.collections.server.commands;

import app.collections.tools.importer.FolderImporter;

import app.collections.server.ServerConfiguration;
import app.collections.CollectionsConfiguration;
import app.collections.local.auth.DevIssuer;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code import FOLDER [--user NAME] [--url URL] [--token TOKEN] [config.yml]}: uploads a folder into
 * a running service and follows the analyses to the end. Locally the token comes from the dev
 * issuer for {@code --user}; against another deployment pass {@code --url} and {@code --token}.
 */
public final class ImportCommand extends ConfiguredCommand<ServerConfiguration> {
  public ImportCommand() {
    super("import", "Upload every image in a folder, then wait for their analyses");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("folder").help("the folder of images (jpg, png, gif, webp)");
    subparser.addArgument("--user").setDefault("alice").help("whose collection (local mode; default alice)");
    subparser.addArgument("--url").help("the service (default: this configuration's local server)");
    subparser.addArgument("--token").help("a bearer token (default: a dev-issuer token for --user)");
    subparser.addArgument("--no-wait").dest("noWait").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("do not wait for the analyses");
    super.configure(subparser);
  }

  @Override
  protected void run(Bootstrap<ServerConfiguration> bootstrap, Namespace namespace,
      ServerConfiguration serverConfig) throws Exception {
    CollectionsConfiguration configuration = serverConfig.collections();
    Path folder = Path.of(namespace.getString("folder"));
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(folder + " is not a folder");
    }
    String token = namespace.getString("token");
    if (token == null) {
      if (!configuration.getAuth().getDevIssuer().isEnabled()) {
        throw new IllegalArgumentException("pass --token: the dev issuer is off in this configuration");
      }
      token = DevIssuer.loadOrCreate(configuration.getDataDir(), configuration.getAuth().getDevIssuer())
          .mint(namespace.getString("user"));
    }
    URI url = URI.create(namespace.getString("url") != null ? namespace.getString("url") : localUrl(serverConfig));
    FolderImporter importer = new FolderImporter(url, token);

    List<Path> files = FolderImporter.images(folder);
    System.out.printf("Importing %d image(s) from %s into %s%n", files.size(), folder, url);
    FolderImporter.Summary summary;
    try (ProgressBar bar = bar("Uploading", files.size())) {
      summary = importer.upload(files, file -> bar.step());
    }
    System.out.printf("Added %d, already there %d, rejected %d%n", summary.added().size(),
        summary.duplicates().size(), summary.rejected().size());
    summary.rejected().forEach((file, reason) -> System.out.printf("  rejected %s: %s%n", file, reason));

    if (!namespace.getBoolean("noWait") && !summary.itemIds().isEmpty()) {
      var statuses = new java.util.LinkedHashMap<String, String>();
      try (ProgressBar bar = bar("Analysing", summary.itemIds().size())) {
        statuses.putAll(importer.awaitAnalysis(summary.itemIds(), Duration.ofHours(1), bar::stepTo));
      }
      long ready = statuses.values().stream().filter("READY"::equals).count();
      // READY is analysed, indexed and embedded: these are findable in every search mode now.
      System.out.printf("Analysed: %d ready (searchable), %d failed, %d still in progress%n", ready,
          statuses.size() - ready, summary.itemIds().size() - statuses.size());
      statuses.forEach((id, status) -> {
        if (!status.equals("READY")) {
          System.out.printf("  %s %s%n", id, status);
        }
      });
    }
  }

  /** The progress bar of the import commands. */
  public static ProgressBar bar(String task, int total) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250).continuousUpdate().build();
  }

  private static String localUrl(ServerConfiguration configuration) {
    if (configuration.getServerFactory() instanceof DefaultServerFactory server
        && server.getApplicationConnectors().getFirst() instanceof HttpConnectorFactory http) {
      return "http://127.0.0.1:" + http.getPort();
    }
    return "http://127.0.0.1:8080";
  }
}
