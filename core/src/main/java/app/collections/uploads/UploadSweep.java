package app.collections.uploads;

import app.collections.db.LoggableFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping for uploads clients left undone (see {@link UploadService#sweep}): run by the local
 * workers between jobs and by the processor Lambda's one-minute schedule.
 */
public final class UploadSweep implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(UploadSweep.class);
  private final UploadService uploads;

  public UploadSweep(UploadService uploads) {
    this.uploads = uploads;
  }

  @Override
  public void run() {
    try {
      uploads.sweep(UploadService.ABANDONED_AFTER, UploadService.SWEEP_BATCH);
    } catch (RuntimeException e) {
      LOG.error("Sweeping unfinished uploads failed; will try again", LoggableFailure.of(e));
    }
  }
}
