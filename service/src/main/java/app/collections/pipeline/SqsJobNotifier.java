package app.collections.pipeline;

import app.collections.auth.Tenant;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * On AWS, a queued job is announced on SQS; the processor Lambda consumes the message and runs the
 * item's job. Messages carry ids only, never image data or analysis text.
 */
public final class SqsJobNotifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsJobNotifier(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  public void jobQueued(Tenant tenant, UUID itemId) {
    sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(message(tenant, itemId)));
  }

  static String message(Tenant tenant, UUID itemId) {
    try {
      return JSON.writeValueAsString(Map.of("userId", tenant.id(), "itemId", itemId.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
