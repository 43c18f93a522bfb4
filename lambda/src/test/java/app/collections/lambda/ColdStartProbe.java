package app.collections.lambda;

import app.collections.CollectionsConfiguration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * One cold start, in its own JVM, on the built Lambda jar (see {@link ColdStartBench}, which starts
 * it with only that jar and this class on the class path): loads the packaged lambda.yml from the
 * environment, constructs {@link ApiHandler} as the runtime's init does, optionally runs the
 * SnapStart priming hook (before checkpoint, then after restore, as a restore would), then answers
 * the same request twice. Prints one line of epoch-millisecond timestamps, the classes loaded and
 * the CPU time the process had used at the first answer (both cores' worth: on a loaded machine
 * it moves less than the wall time), for the bench to read.
 *
 * <p>Arguments: {@code plain} or {@code primed}. Environment: lambda.yml's variables, plus
 * {@code COLDSTART_ISSUER} (the local JWKS server standing in for Cognito), {@code COLDSTART_EVENT}
 * (the API Gateway event to answer) and {@code COLDSTART_NO_TLS=true} for a local PostgreSQL.
 */
public final class ColdStartProbe {
  public static final String PREFIX = "COLDSTART ";

  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long main = System.currentTimeMillis();
    boolean primed = args.length > 0 && args[0].equals("primed");
    // What ApiHandler() does, with the issuer pointed at the local JWKS.
    CollectionsConfiguration config = ApiHandler.loadConfiguration(ApiHandler.CONFIG_RESOURCE);
    config.getAuth().getCognito().setIssuer(System.getenv("COLDSTART_ISSUER"));
    if ("true".equals(System.getenv("COLDSTART_NO_TLS"))) {
      config.getDatabase().setUrl(config.getDatabase().getUrl().replace("sslmode=require", "sslmode=disable"));
    }
    long configured = System.currentTimeMillis();
    ApiHandler handler = new ApiHandler(config);
    long constructed = System.currentTimeMillis();
    long restored = constructed;
    if (primed) {
      handler.registeredPriming().beforeCheckpoint(null);
      handler.registeredPriming().afterRestore(null);
      restored = System.currentTimeMillis();
    }
    byte[] event = System.getenv("COLDSTART_EVENT").getBytes(StandardCharsets.UTF_8);
    String firstAnswer = invoke(handler, event);
    long first = System.currentTimeMillis();
    long cpuMillis = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1_000_000;
    invoke(handler, event);
    long second = System.currentTimeMillis();
    int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    System.out.println(PREFIX + main + " " + configured + " " + constructed + " " + restored + " " + first + " "
        + second + " " + classes + " " + cpuMillis + " " + firstAnswer.replace('\n', ' '));
    System.out.flush();
    // Lambda freezes the process rather than exit; the pool's threads would keep this JVM up.
    System.exit(0);
  }

  private static String invoke(ApiHandler handler, byte[] event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, new FakeLambdaContext());
    return out.toString(StandardCharsets.UTF_8);
  }
}
