package dev.datafactory.launcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static org.assertj.core.api.Assertions.assertThat;

/** The module rules of DESIGN.md, checked on the production classes of every module. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.datafactory");
        // Guard against a vacuous pass: every module's classes must be on this module's class path.
        assertThat(classes.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("model", "local", "gcp", "worker", "console", "launcher");
    }

    @Test
    void sharedModelAndWorkerNeverUseJavaFx() {
        noClasses().that().resideInAnyPackage("dev.datafactory.model..", "dev.datafactory.worker..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the worker runs headless in a container and the model is shared by every module")
                .check(classes);
    }

    @Test
    void onlyTheGcpBackendUsesGoogleCloud() {
        noClasses().that().resideOutsideOfPackage("dev.datafactory.gcp..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.cloud..")
                .because("Google Cloud is one backend behind the ports; everything else must run without it")
                .check(classes);
    }

    @Test
    void sharedModelDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.datafactory.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.datafactory.local..", "dev.datafactory.gcp..",
                        "dev.datafactory.worker..", "dev.datafactory.console..", "dev.datafactory.launcher..")
                .check(classes);
    }

    @Test
    void backendsAndWorkerNeverReachIntoTheConsoleOrLauncher() {
        noClasses().that().resideInAnyPackage("dev.datafactory.local..", "dev.datafactory.gcp..",
                        "dev.datafactory.worker..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.datafactory.console..",
                        "dev.datafactory.launcher..")
                .because("the console and the launcher compose the backends, not the other way round")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noStandardStreamsOutsideEntryPoints() {
        noClasses().that().resideOutsideOfPackage("dev.datafactory.launcher..")
                .should(ACCESS_STANDARD_STREAMS)
                .because("entry points own the process streams; everything else logs through SLF4J or gets a"
                        + " stream injected")
                .check(classes);
    }

    @Test
    void logsThroughSlf4jOnly() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
    }
}
