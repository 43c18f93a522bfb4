package app.collections.db;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.extension.annotation.UseExtensionHandler;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;

/**
 * A DAO method that runs SQL, as the tenancy tests see it: its signature (what exemptions are
 * keyed by), its SQL, the names its {@link Tenant} is bound as, and the text of each template
 * attribute it defines.
 */
record DaoMethod(Class<?> dao, Method method) {
  /** What a {@code @Define}d String is written as: an SQL literal if its name says it is one, else an identifier. */
  private static final String LITERAL_SUFFIX = "Literal";
  private static final String DEFINED_LITERAL = "'defined'";
  private static final String DEFINED_NUMBER = "1";

  /**
   * Every method that runs SQL of every interface under app.collections (core and the tools,
   * wherever their classes are: a directory or a jar): found, not listed, so none is missed.
   */
  static List<DaoMethod> scan() {
    return Scanned.ALL;
  }

  /** Imported once per test run: reading every class of the application takes seconds. */
  private static final class Scanned {
    static final List<DaoMethod> ALL = importAll();
  }

  private static List<DaoMethod> importAll() {
    return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("app.collections").stream()
        .filter(JavaClass::isInterface)
        .<Class<?>>map(JavaClass::reflect)
        .flatMap(dao -> of(dao).stream())
        .sorted(Comparator.comparing(DaoMethod::signature))
        .toList();
  }

  /** The methods of one interface that run SQL. */
  static List<DaoMethod> of(Class<?> dao) {
    return Arrays.stream(dao.getDeclaredMethods()).filter(DaoMethod::runsSql).map(m -> new DaoMethod(dao, m)).toList();
  }

  static boolean runsSql(Method method) {
    return Arrays.stream(method.getAnnotations())
        .anyMatch(a -> a.annotationType().isAnnotationPresent(UseExtensionHandler.class));
  }

  /** Keys of {@code exemptions} that name no method here: an exemption outliving its method, or misspelt. */
  static List<String> stale(Collection<String> exemptions, Collection<DaoMethod> methods) {
    Set<String> signatures = methods.stream().map(DaoMethod::signature).collect(Collectors.toSet());
    return exemptions.stream().filter(key -> !signatures.contains(key)).sorted().toList();
  }

  /** {@code app.collections.lifecycle.JobDao#claimNext(long)}: unique, unlike the simple name an overload shares. */
  String signature() {
    return dao.getName() + "#" + method.getName() + Arrays.stream(method.getParameterTypes())
        .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
  }

  long tenantParameterCount() {
    return Arrays.stream(method.getParameterTypes()).filter(Tenant.class::equals).count();
  }

  /** The names JDBI binds this method's Tenant parameters as: {@code @Bind}'s, else the parameter's own. */
  Set<String> tenantParameters() {
    return Arrays.stream(method.getParameters()).filter(p -> p.getType() == Tenant.class)
        .map(DaoMethod::bindName).collect(Collectors.toUnmodifiableSet());
  }

  /** The statement to check: {@code global} attributes (Jdbi.define) and this method's @Define ones. */
  TenantStatement statement(Map<String, String> global) {
    Map<String, String> attributes = new HashMap<>(global);
    for (Parameter parameter : method.getParameters()) {
      Define define = parameter.getAnnotation(Define.class);
      if (define != null) {
        String name = define.value().isEmpty() ? parameter.getName() : define.value();
        attributes.put(name, standIn(name, parameter.getType()));
      }
    }
    return new TenantStatement(signature(), sql(), attributes, tenantParameters());
  }

  /**
   * What a defined value is written as for parsing: its real value is only known at run time, and
   * only its place in the syntax matters (an int, a quoted literal, or a name).
   */
  private static String standIn(String name, Class<?> type) {
    if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
      return DEFINED_NUMBER;
    }
    return name.endsWith(LITERAL_SUFFIX) ? DEFINED_LITERAL : "defined_" + name;
  }

  private static String bindName(Parameter parameter) {
    Bind bind = parameter.getAnnotation(Bind.class);
    if (bind != null && !bind.value().isEmpty()) {
      return bind.value();
    }
    assertThat(parameter.isNamePresent()).as("%s is compiled with -parameters (JDBI binds by name)", parameter).isTrue();
    return parameter.getName();
  }

  /** The method's SQL: inline, or the classpath file JDBI's {@code @UseClasspathSqlLocator} reads. */
  String sql() {
    for (var annotation : method.getAnnotations()) {
      if (!annotation.annotationType().isAnnotationPresent(UseExtensionHandler.class)) {
        continue;
      }
      String inline;
      try {
        inline = (String) annotation.annotationType().getMethod("value").invoke(annotation);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (!inline.isBlank() && !dao.isAnnotationPresent(UseClasspathSqlLocator.class)) {
        return inline;
      }
      String file = dao.getName().replace('.', '/') + "/" + (inline.isBlank() ? method.getName() : inline) + ".sql";
      try (InputStream in = dao.getClassLoader().getResourceAsStream(file)) {
        assertThat(in).as("SQL file %s", file).isNotNull();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no SQL on " + method);
  }
}
