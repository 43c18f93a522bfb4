package app.collections.lambda;

import app.collections.CollectionsConfiguration;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One function of the stack in its own JVM on the built Lambda jar, for {@link DeployedShapeIT}:
 * reads the packaged lambda.yml through {@link SecretsEnvironment} as the runtime's init does
 * (the environment, then the secrets it names), constructs the function's handler, prints
 * {@value #READY}, then answers one event per line of stdin with one line on stdout:
 * {@value #ANSWER} and the JSON the runtime would return, or {@value #FAILED} and what the
 * handler threw. The processor's event is read, and its answer written, with the Lambda runtime's
 * own serialization (on the class path, as the runtime carries it). Everything else on stdout is
 * the function's logs.
 *
 * <p>Arguments: {@code api} or {@code processor}. Environment: lambda.yml's variables as the stack
 * sets them, plus {@code PROBE_ISSUER} (the local JWKS standing in for the user pool's issuer) and
 * {@code PROBE_NO_TLS=true} (a local PostgreSQL has no TLS).
 */
public final class DeployedShapeProbe {
  static final String READY = "READY";
  static final String ANSWER = "ANSWER ";
  static final String FAILED = "FAILED ";

  private DeployedShapeProbe() {}

  @FunctionalInterface
  private interface Function {
    String invoke(String event) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    CollectionsConfiguration config = ApiHandler.loadConfiguration(ApiHandler.CONFIG_RESOURCE);
    if (System.getenv("PROBE_ISSUER") != null) {
      config.getAuth().getCognito().setIssuer(System.getenv("PROBE_ISSUER"));
    }
    if ("true".equals(System.getenv("PROBE_NO_TLS"))) {
      config.getDatabase().setUrl(config.getDatabase().getUrl().replace("sslmode=require", "sslmode=disable"));
    }
    Function function = switch (args[0]) {
      case "api" -> api(new ApiHandler(config));
      case "processor" -> processor(new ProcessorHandler(config));
      default -> throw new IllegalArgumentException("api or processor, not " + args[0]);
    };
    System.out.println(READY);
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String event; (event = in.readLine()) != null; ) {
      String line;
      try {
        line = ANSWER + function.invoke(event).replace('\n', ' ');
      } catch (Exception | Error e) {
        line = FAILED + String.valueOf(e).replace('\n', ' ');
      }
      System.out.println(line);
      System.out.flush();
    }
    // Lambda freezes the process rather than exit; the pool's threads would keep this JVM up.
    System.exit(0);
  }

  private static Function api(ApiHandler handler) {
    return event -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
          new FakeLambdaContext());
      return out.toString(StandardCharsets.UTF_8);
    };
  }

  private static Function processor(ProcessorHandler handler) {
    return event -> {
      SQSEvent in = LambdaRuntimeSerialization.of(SQSEvent.class)
          .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
      SQSBatchResponse answer = handler.handleRequest(in, new FakeLambdaContext());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      LambdaRuntimeSerialization.of(SQSBatchResponse.class).toJson(answer, out);
      return out.toString(StandardCharsets.UTF_8);
    };
  }
}
