package app.collections.pipeline;

import app.collections.lifecycle.JobListener;
import app.collections.auth.Tenant;
import app.collections.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * On AWS, a queued job is announced on SQS; the processor Lambda consumes the message and runs the
 * item's job. Messages carry ids only, never image data or analysis text. A message that cannot be
 * sent loses nothing: the job is already in PostgreSQL, and the processor's one-minute schedule
 * runs every due job.
 */
public final class SqsJobNotifier implements JobListener {
  private static final Logger LOG = LoggerFactory.getLogger(SqsJobNotifier.class);
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsJobNotifier(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void jobQueued(Tenant tenant, UUID itemId) {
    try {
      sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(message(tenant, itemId)));
    } catch (SdkException e) {
      LOG.warn("Could not announce the job of item {} on SQS; the scheduled run will pick it up: {}",
          itemId, e.getMessage());
    }
  }

  static String message(Tenant tenant, UUID itemId) {
    try {
      return Json.MAPPER.writeValueAsString(Map.of("userId", tenant.id(), "itemId", itemId.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
