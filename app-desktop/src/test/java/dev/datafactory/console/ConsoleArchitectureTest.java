package dev.datafactory.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Layers of the console (MVVM): view models and plumbing stay free of the scene graph. */
class ConsoleArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importConsole() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.datafactory.console");
    }

    @Test
    void viewModelsNeverTouchTheSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .and().resideInAnyPackage("..console.schedules..", "..console.settings..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("view models are tested as plain objects, without the toolkit")
                .check(classes);
    }

    @Test
    void commonPlumbingKnowsNoScreen() {
        noClasses().that().resideInAPackage("..console.common..")
                .should().dependOnClassesThat().resideInAnyPackage("..console.schedules..", "..console.settings..",
                        "..console.shell..", "..console.logs..", "..console.runs..", "..console.compare..",
                        "..console.testscrape..")
                .check(classes);
    }

    @Test
    void screensDoNotReachIntoTheShell() {
        noClasses().that().resideInAnyPackage("..console.schedules..", "..console.settings..")
                .should().dependOnClassesThat().resideInAPackage("..console.shell..")
                .because("screens are plugged into the shell, not the other way round")
                .check(classes);
    }
}
