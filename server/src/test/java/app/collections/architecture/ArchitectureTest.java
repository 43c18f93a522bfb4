package app.collections.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependency, checked on the compiled classes of core, the prototype import, the
 * local stand-ins, the tools and the server (the Maven graph already refuses the imports; this also
 * refuses package cycles, which Maven cannot see inside a module). The Lambda modules are kept apart
 * by the compiler: lambda depends on core alone, lambda-import on lambda and the prototype import
 * (LambdaJarIT and ImportJarIT check the jars they build).
 */
class ArchitectureTest {
  /** The one-time migration of a prototype folder: over core, for the server's command and the import function. */
  private static final String PROTOTYPE = "app.collections.prototype..";
  private static final String[] OUTSIDE_CORE = {
    "app.collections.local..", "app.collections.tools..", "app.collections.server..", "app.collections.lambda..",
    PROTOTYPE};
  /** What only a host brings: its server or runtime, and the local stand-ins' libraries. */
  private static final String[] HOST_FRAMEWORKS = {
    "io.dropwizard.core..", "io.dropwizard.jetty..", "com.amazonaws.serverless..", "com.amazonaws.services.lambda..",
    "org.gaul..", "net.sourceforge.tess4j..", "ai.onnxruntime.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("app.collections");
  }

  @Test
  void thePackagesOfTheServiceFormNoCycle() {
    slices().matching("app.collections.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theSubpackagesOfTheStandInsAndToolsFormNoCycle() {
    slices().matching("app.collections.(local|tools).(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void coreImportsNoHostToolOrLocalStandIn() {
    noClasses().that().resideOutsideOfPackages(OUTSIDE_CORE)
        .should().dependOnClassesThat().resideInAnyPackage(OUTSIDE_CORE)
        .check(classes);
  }

  @Test
  void coreImportsNeitherHostFramework() {
    noClasses().that().resideOutsideOfPackages(OUTSIDE_CORE)
        .should().dependOnClassesThat().resideInAnyPackage(HOST_FRAMEWORKS)
        .check(classes);
  }

  /** It runs in the server and in the import function: core is all it may lean on. */
  @Test
  void thePrototypeImportImportsNothingButCore() {
    noClasses().that().resideInAPackage(PROTOTYPE)
        .should().dependOnClassesThat().resideInAnyPackage("app.collections.local..", "app.collections.tools..",
            "app.collections.server..", "app.collections.lambda..")
        .orShould().dependOnClassesThat().resideInAnyPackage(HOST_FRAMEWORKS)
        .check(classes);
  }

  /**
   * Only its two callers use it: the server's import-prototype command and the import function
   * (app.collections.lambda.imports, not on this class path: the compiler keeps the rest of the
   * Lambda host from it, and LambdaJarIT finds none of it in the API's jar). Never core, a stand-in
   * or a tool.
   */
  @Test
  void onlyTheServerAndTheImportFunctionUseThePrototypeImport() {
    noClasses().that().resideOutsideOfPackages(PROTOTYPE, "app.collections.server..", "app.collections.lambda.imports..")
        .should().dependOnClassesThat().resideInAPackage(PROTOTYPE)
        .check(classes);
  }

  @Test
  void localStandInsImportNoToolOrHost() {
    noClasses().that().resideInAPackage("app.collections.local..")
        .should().dependOnClassesThat().resideInAnyPackage("app.collections.tools..", "app.collections.server..",
            "app.collections.lambda..")
        .check(classes);
  }

  @Test
  void toolsImportNoHost() {
    noClasses().that().resideInAPackage("app.collections.tools..")
        .should().dependOnClassesThat().resideInAnyPackage("app.collections.server..", "app.collections.lambda..")
        .check(classes);
  }

  /**
   * An item's status, and the jobs that change it, are written by ItemLifecycle alone: its
   * Transition table is then every way an item's status can change.
   */
  @Test
  void onlyTheLifecycleWritesStatusesAndJobs() {
    noClasses().that().resideOutsideOfPackage("app.collections.lifecycle..")
        .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
            "a write of an item's status or of a job",
            call -> (call.getTargetOwner().isEquivalentTo(app.collections.items.ItemDao.class)
                && java.util.Set.of("move", "markFindable").contains(call.getName()))
                || (call.getTargetOwner().isEquivalentTo(app.collections.lifecycle.JobDao.class)
                && java.util.Set.of("enqueue", "enqueueAnalysis", "complete", "fail", "retryLater")
                    .contains(call.getName()))))
        .check(classes);
  }

  /**
   * Fetchers only delegate (Netflix's dgs-examples: fetchers, loaders and services apart): they
   * read arguments, call a service and shape its answer, never a DAO or JDBI themselves.
   */
  @Test
  void fetchersCallServicesNotDaos() {
    noClasses().that().haveSimpleNameEndingWith("DataFetchers")
        .should().dependOnClassesThat().haveSimpleNameEndingWith("Dao")
        .orShould().dependOnClassesThat().resideInAPackage("org.jdbi..")
        .check(classes);
  }
}
