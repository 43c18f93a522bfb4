package app.collections.pipeline;

import app.collections.auth.Tenant;
import app.collections.lifecycle.Job;

/**
 * What one kind of job does for an item: a step of {@link AnalysisPipeline#STEPS}. It says why it
 * could not with a {@link StepFailure}; the pipeline retries or fails the job ({@code ItemLifecycle}).
 */
interface JobStep {
  /** The job kind it runs ({@link Job#DERIVE}, {@link Job#ANALYZE}, {@link Job#EMBED}). */
  String kind();

  /** Its name in metrics ({@code pipeline.<name>}) and traces. */
  String name();

  /**
   * Does the job for its item, as {@code tenant}. True when it marked the job done itself, in the
   * transaction of its result (an analysis); false leaves that to the pipeline.
   */
  boolean run(Tenant tenant, Job job) throws StepFailure;
}
