package app.collections.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A tenant id is a Cognito sub, the key to a person's rows: the logs carry its hash
 * (LogFields.tenantHash), never the id (docs/deploy.md, "Operations"). Checked on the sources of
 * every main module: no logger call's arguments name a tenant's or a job's user id.
 */
class TenantIdsStayOutOfLogsTest {
  private static final List<Path> MAIN_SOURCES = Stream.of("core", "local", "tools", "server", "lambda")
      .map(module -> Path.of("..", module, "src", "main", "java")).toList();
  private static final Pattern LOG_CALL = Pattern.compile("\\bLOG\\.(trace|debug|info|warn|error)\\(");
  private static final Pattern TENANT_ID = Pattern.compile("\\b(tenant|viewer|owner)\\.id\\(\\)|\\.userId\\(\\)");

  @Test
  void noLoggerCallPassesATenantId() throws IOException {
    List<String> offending = new ArrayList<>();
    int calls = 0;
    for (Path root : MAIN_SOURCES) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          for (String call : loggerCalls(Files.readString(file))) {
            calls++;
            if (TENANT_ID.matcher(call).find()) {
              offending.add(file.getFileName() + ": " + call);
            }
          }
        }
      }
    }
    assertThat(calls).as("the scan found the logger calls").isGreaterThan(50);
    assertThat(offending).isEmpty();
  }

  @Test
  void theScanSeesAnIdAcrossLinesAndPastSemicolonsInStrings() {
    String source = """
        LOG.warn("Could not finish upload {} of {}; will try again", stale.id(),
            tenant.id(), LoggableFailure.of(e));
        LOG.info("fine {}", LogFields.tenantHash(tenant));
        """;
    List<String> calls = loggerCalls(source);
    assertThat(calls).hasSize(2);
    assertThat(TENANT_ID.matcher(calls.get(0)).find()).isTrue();
    assertThat(TENANT_ID.matcher(calls.get(1)).find()).isFalse();
  }

  /** The argument text of each logger call, up to its closing parenthesis (string literals skipped over). */
  static List<String> loggerCalls(String source) {
    List<String> calls = new ArrayList<>();
    Matcher start = LOG_CALL.matcher(source);
    while (start.find()) {
      int depth = 1;
      int i = start.end();
      boolean inString = false;
      while (i < source.length() && depth > 0) {
        char c = source.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
        i++;
      }
      calls.add(source.substring(start.end(), i - 1));
    }
    return calls;
  }
}
