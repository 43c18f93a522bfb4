package app.collections.lambda;

import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An AWS service that speaks the JSON protocol (one {@code POST /}, the operation in
 * {@code X-Amz-Target}) on loopback, answering the one operation a function calls, for the real
 * SDK client in the built jar to reach through {@code AWS_ENDPOINT_URL_<SERVICE>}. No signature
 * check: the SDK signs as it would for AWS, and what is tested is what the function asks and does
 * with the answer. Every call is kept for the test to read.
 */
final class AwsJsonStandIn implements AutoCloseable {
  /** One request: the operation ({@code secretsmanager.GetSecretValue}) and its JSON body. */
  record Call(String target, JsonNode body) {}

  /** What an operation answers: 200 and the body, or an AWS error. */
  record Answer(int status, JsonNode body) {
    static Answer ok(JsonNode body) {
      return new Answer(200, body);
    }

    static Answer error(int status, String type, String message) {
      return new Answer(status, Json.MAPPER.createObjectNode().put("__type", type).put("message", message));
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private AwsJsonStandIn(String target, Function<JsonNode, Answer> operation) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        String asked = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
        calls.add(new Call(asked, body));
        Answer answer = asked.equals(target) ? operation.apply(body)
            : Answer.error(400, "UnknownOperationException", asked + " is not stood in for");
        byte[] bytes = Json.MAPPER.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    });
    server.start();
  }

  /** Secrets Manager's GetSecretValue, from secret ids (ARNs) to their secret strings. */
  static AwsJsonStandIn secretsManager(Map<String, String> secrets) throws IOException {
    return new AwsJsonStandIn("secretsmanager.GetSecretValue", request -> {
      String id = request.path("SecretId").asText();
      String secret = secrets.get(id);
      if (secret == null) {
        return Answer.error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
      }
      return Answer.ok(Json.MAPPER.createObjectNode().put("ARN", id).put("Name", id.replaceFirst(".*:secret:", ""))
          .put("SecretString", secret).put("VersionId", UUID.randomUUID().toString())
          .put("CreatedDate", System.currentTimeMillis() / 1000.0));
    });
  }

  /**
   * SQS's SendMessage, which only keeps the message: the test hands it to the processor as the
   * event source mapping would. The body's MD5 is answered because the SDK checks it.
   */
  static AwsJsonStandIn sqs() throws IOException {
    return new AwsJsonStandIn("AmazonSQS.SendMessage", request -> {
      ObjectNode sent = Json.MAPPER.createObjectNode().put("MessageId", UUID.randomUUID().toString())
          .put("MD5OfMessageBody", md5(request.path("MessageBody").asText()));
      return Answer.ok(sent);
    });
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
