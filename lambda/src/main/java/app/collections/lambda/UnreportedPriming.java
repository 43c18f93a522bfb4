package app.collections.lambda;

import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart priming whose requests stay out of the metrics: they are the snapshot's warm-up, not
 * traffic, and would otherwise count a refused request and a search on every published version.
 */
record UnreportedPriming(SnapStartPriming priming, EmfReporter reporter) implements Resource {
  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
    reporter.mute();
    try {
      priming.beforeCheckpoint(context);
    } finally {
      reporter.discard();
      reporter.unmute();
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) throws Exception {
    priming.afterRestore(context);
  }
}
