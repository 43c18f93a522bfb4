package app.collections.server.commands;

import app.collections.tools.images.RenditionBench;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code bench-images [--runs N]}: time and memory per derived image set (RenditionBench), no database needed. */
public final class BenchImagesCommand extends Command {
  public BenchImagesCommand() {
    super("bench-images", "Times the making of thumbnails and previews (docs/benchmarks.md, Derived images)");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("--runs").type(Integer.class).setDefault(30).help("timed renders per original");
    subparser.addArgument("--warmups").type(Integer.class).setDefault(15).help("untimed renders first (the JIT)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
    System.out.printf("Calibration: a fixed CPU loop takes %.0f ms on this machine (%d processors)%n",
        RenditionBench.calibrationMs(), Runtime.getRuntime().availableProcessors());
    var cases = RenditionBench.cases();
    RenditionBench.print(new RenditionBench(ns.getInt("warmups"), ns.getInt("runs")).run(cases), System.out);
  }
}
