package app.collections.uploads;

import app.collections.db.LoggableFailure;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping for uploads clients left undone (see {@link UploadService#sweep}): run by the local
 * workers between jobs and by the processor Lambda's one-minute schedule.
 */
public final class UploadSweep implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(UploadSweep.class);
  /**
   * An upload untouched this long is abandoned: past the presigned PUT URL's lifetime (10 min by
   * default), a client can no longer send the bytes or complete it.
   */
  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);
  /** At most this many a run, so one sweep stays well inside a minute (each may read an image). */
  public static final int MAX_PER_RUN = 100;

  private final UploadService uploads;

  public UploadSweep(UploadService uploads) {
    this.uploads = uploads;
  }

  @Override
  public void run() {
    try {
      uploads.sweep(ABANDONED_AFTER, MAX_PER_RUN);
    } catch (RuntimeException e) {
      LOG.error("Sweeping unfinished uploads failed; will try again", LoggableFailure.of(e));
    }
  }
}
