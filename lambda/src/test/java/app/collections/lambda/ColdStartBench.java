package app.collections.lambda;

import app.collections.db.Migrations;
import app.collections.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The cold-start benchmark ({@code ./dev coldstart}): starts a fresh JVM per run on the BUILT
 * Lambda jar ({@code lambda/target/collections-lambda.jar}) with {@link ColdStartProbe}, times JVM
 * start, init (the packaged lambda.yml read, {@link ApiHandler} constructed) and the first and
 * second {@code { viewer { id } items(first: 5) { totalCount } }} through an API Gateway HTTP API
 * v2 event with a Cognito-style token verified against a local JWKS; with and without SnapStart
 * priming, for each JVM option set given through {@code JAVA_TOOL_OPTIONS} as the Lambda runtime
 * reads them. Runs are interleaved across the variants so load on the shared machine hits each
 * alike. Prints min / median / max per phase, in milliseconds, and the load average.
 *
 * <p>Arguments: {@code --runs N} (5), {@code --jar PATH} (a class path: {@code target/classes:JAR} tries
 * a change without repackaging), {@code --variant NAME=JVM_OPTIONS}
 * (repeatable; default: the JVM's defaults and the stack's {@link #STACK_JVM_OPTIONS}), {@code --primed-only}.
 * PostgreSQL from {@code TEST_DATABASE_URL}/{@code _USER}/{@code _PASSWORD} as the tests read it;
 * a fresh database is created and dropped.
 */
public final class ColdStartBench {
  /** A run that has not answered by then is stuck (a missing variable waits on nothing; a port might). */
  private static final long RUN_TIMEOUT_SECONDS = 120;
  /** infra's ServiceFunctions.JVM_OPTIONS (CollectionsStackTest pins it): C1 only, and the JSON log configuration. */
  static final String STACK_JVM_OPTIONS =
      "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Dcollections.logging=json";
  private static final String QUERY = "{ viewer { id } items(first: 5) { totalCount } }";

  private ColdStartBench() {}

  record Run(long jvm, long config, long init, long priming, long first, long second, long total, int classes,
      long cpu) {}

  public static void main(String[] args) throws Exception {
    int runs = 5;
    Path jar = Path.of("lambda/target/collections-lambda.jar");
    Map<String, String> variants = new LinkedHashMap<>();
    List<String> modes = new ArrayList<>(List.of("plain", "primed"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--variant" -> {
          String v = args[++i];
          variants.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
        }
        case "--primed-only" -> modes.remove("plain");
        case "--plain-only" -> modes.remove("primed");
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (variants.isEmpty()) {
      variants.put("JVM defaults", "");
      variants.put("the stack's", STACK_JVM_OPTIONS);
    }
    for (String entry : jar.toString().split(java.io.File.pathSeparator)) {
      if (!Files.exists(Path.of(entry))) {
        throw new IllegalStateException(entry + " is missing: ./dev build");
      }
    }

    try (Stage stage = new Stage(jar)) {
      // One untimed run per variant first: it reads the jar into the OS cache, and writes the
      // class-data archive of a variant with -XX:+AutoCreateSharedArchive.
      for (String options : variants.values()) {
        stage.run(options, modes.get(0));
      }
      Map<String, List<Run>> results = new LinkedHashMap<>();
      String loadBefore = loadAverage();
      for (int round = 0; round < runs; round++) {
        for (var variant : variants.entrySet()) {
          for (String mode : modes) {
            Run run = stage.run(variant.getValue(), mode);
            results.computeIfAbsent(variant.getKey() + " | " + mode, k -> new ArrayList<>()).add(run);
            System.err.printf(Locale.ROOT, "[coldstart] %s, %s, run %d: %d ms to the first answer (CPU %d ms)%n",
                variant.getKey(), mode, round + 1, run.total(), run.cpu());
          }
        }
      }
      String loadAfter = loadAverage();
      print(results, runs, loadBefore, loadAfter);
    }
  }

  /**
   * What a run of the built jar needs, as the functions have it: a migrated database, a local JWKS
   * standing in for Cognito, lambda.yml's environment and the probe alone in a jar. Closing drops
   * the database.
   */
  static final class Stage implements AutoCloseable {
    private final String adminUrl = env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private final String user = env("TEST_DATABASE_USER", "collections");
    private final String password = env("TEST_DATABASE_PASSWORD", "collections");
    private final String database = "collections_coldstart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final Path probeDir;
    private final LocalCognito cognito;
    private final String classPath;
    private final Map<String, String> env;

    Stage(Path jar) throws Exception {
      admin(adminUrl, user, password, "CREATE DATABASE " + database);
      probeDir = Files.createTempDirectory("coldstart-probe");
      String url = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(url);
      ds.setUser(user);
      ds.setPassword(password);
      Migrations.migrate(ds);

      cognito = new LocalCognito();
      env = lambdaEnvironment(url, user, password, cognito);
      classPath = jar + java.io.File.pathSeparator
          + probeJar(probeDir.resolve("coldstart-probe.jar"), ColdStartProbe.class, FakeLambdaContext.class);
    }

    /** One cold start in a fresh JVM; fails unless the first request is answered for the token's user. */
    Run run(String jvmOptions, String mode) throws IOException, InterruptedException {
      return runOnce(classPath, env, jvmOptions, mode);
    }

    @Override
    public void close() throws Exception {
      cognito.close();
      admin(adminUrl, user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      Files.deleteIfExists(probeDir.resolve("coldstart-probe.jar"));
      Files.deleteIfExists(probeDir);
    }
  }

  static Run runOnce(String classPath, Map<String, String> env, String jvmOptions, String mode)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, ColdStartProbe.class.getName(), mode);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    if (!jvmOptions.isBlank()) {
      builder.environment().put("JAVA_TOOL_OPTIONS", jvmOptions);
    }
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    long spawn = System.currentTimeMillis();
    Process process = builder.start();
    String line = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l; (l = out.readLine()) != null; ) {
        if (l.startsWith(ColdStartProbe.PREFIX)) {
          line = l.substring(ColdStartProbe.PREFIX.length());
        }
      }
    }
    if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("a cold start did not finish in " + RUN_TIMEOUT_SECONDS + " s");
    }
    if (line == null) {
      throw new IllegalStateException("the probe printed no timings (exit " + process.exitValue()
          + "); run it by hand to see why");
    }
    String[] f = line.split(" ", 9);
    long main = Long.parseLong(f[0]);
    long configured = Long.parseLong(f[1]);
    long constructed = Long.parseLong(f[2]);
    long restored = Long.parseLong(f[3]);
    long first = Long.parseLong(f[4]);
    long second = Long.parseLong(f[5]);
    var answer = Json.MAPPER.readTree(f[8]);
    var body = Json.MAPPER.readTree(answer.path("body").asText());
    if (answer.path("statusCode").asInt() != 200 || !body.path("data").path("viewer").path("id").asText().equals("coldstart-user")) {
      throw new IllegalStateException("the first request was not answered: " + f[8]);
    }
    return new Run(main - spawn, configured - main, constructed - main, restored - constructed,
        first - restored, second - first, mode.equals("primed") ? first - restored : first - spawn,
        Integer.parseInt(f[6]), Long.parseLong(f[7]));
  }

  private static void print(Map<String, List<Run>> results, int runs, String loadBefore, String loadAfter) {
    System.out.printf(Locale.ROOT, "%nCold start of the built Lambda jar, %d runs each, ms as min / median / max"
        + " (load average before: %s, after: %s; %d cores)%n%n", runs, loadBefore, loadAfter,
        Runtime.getRuntime().availableProcessors());
    System.out.println("| JAVA_TOOL_OPTIONS | priming | JVM start | lambda.yml read | init (lambda.yml + ApiHandler built) "
        + "| priming hook | first request | second request | JVM start to first answer | CPU to first answer | classes |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (var e : results.entrySet()) {
      List<Run> r = e.getValue();
      boolean primed = e.getKey().endsWith("primed");
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          e.getKey(), stats(r, Run::jvm), stats(r, Run::config), stats(r, Run::init),
          primed ? stats(r, Run::priming) : "-", stats(r, Run::first), stats(r, Run::second),
          primed ? "(after restore)" : stats(r, Run::total), stats(r, Run::cpu), stats(r, Run::classes));
    }
  }

  private static String stats(List<Run> runs, java.util.function.ToLongFunction<Run> field) {
    long[] values = runs.stream().mapToLong(field).sorted().toArray();
    long median = values.length % 2 == 1 ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    return values[0] + " / " + median + " / " + values[values.length - 1];
  }

  /** lambda.yml's variables as the stack sets them, pointed at the local stand-ins. */
  private static Map<String, String> lambdaEnvironment(String url, String user, String password, LocalCognito cognito)
      throws Exception {
    String hostPortDb = url.substring("jdbc:postgresql://".length());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DB_HOST", hostPortDb.substring(0, hostPortDb.indexOf(':')));
    env.put("DB_PORT", hostPortDb.substring(hostPortDb.indexOf(':') + 1, hostPortDb.indexOf('/')));
    env.put("DB_NAME", hostPortDb.substring(hostPortDb.indexOf('/') + 1));
    env.put("DB_USER", user);
    env.put("DB_PASSWORD", password);
    env.put("COGNITO_REGION", "eu-west-1");
    env.put("COGNITO_USER_POOL_ID", LocalCognito.USER_POOL_ID);
    env.put("COGNITO_CLIENT_IDS", LocalCognito.CLIENT_ID);
    env.put("IMAGES_BUCKET", "collections-images");
    env.put("CHAT_TABLE", "collections-chat");
    env.put("VOYAGE_API_KEY", "voyage-not-called");
    // The stack's secrets hold the model keys: what they make init build is part of the cold start.
    env.put("ANTHROPIC_API_KEY", "anthropic-not-called");
    env.put("TAVILY_API_KEY", "tavily-not-called");
    env.put("AWS_REGION", "eu-west-1");
    // As the runtime provides them: the SDK clients find credentials without probing anything.
    env.put("AWS_ACCESS_KEY_ID", "AKIDCOLDSTART");
    env.put("AWS_SECRET_ACCESS_KEY", "cold-start-secret");
    env.put("AWS_SESSION_TOKEN", "cold-start-session");
    env.put("COLDSTART_ISSUER", cognito.issuer());
    env.put("COLDSTART_NO_TLS", "true");
    env.put("COLDSTART_EVENT", HttpApiEvent.graphqlPost("Bearer " + cognito.accessToken("coldstart-user"), QUERY));
    return env;
  }

  /**
   * A probe's classes (with their nested ones) alone in a jar: nothing else of the test classes
   * (their logback-test.xml) may change what the Lambda jar runs, and class data sharing refuses a
   * class path with a non-empty directory on it.
   */
  static Path probeJar(Path jarFile, Class<?>... probeClasses) throws IOException {
    try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(jarFile))) {
      for (Class<?> c : probeClasses) {
        Path classes = Path.of(c.getProtectionDomain().getCodeSource().getLocation().getPath());
        String packagePath = c.getPackageName().replace('.', '/');
        try (var files = Files.list(classes.resolve(packagePath))) {
          for (Path f : files.filter(p -> p.getFileName().toString()
              .matches(java.util.regex.Pattern.quote(c.getSimpleName()) + "(\\$.*)?\\.class")).toList()) {
            jar.putNextEntry(new java.util.jar.JarEntry(packagePath + "/" + f.getFileName()));
            Files.copy(f, jar);
            jar.closeEntry();
          }
        }
      }
    }
    return jarFile;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void admin(String url, String user, String password, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.createStatement().execute(sql);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
