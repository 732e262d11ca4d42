package org.distriplace.app.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;

/** The desktop app's structure: one way onto the FX thread, and view models free of JavaFX. */
class DesktopArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.distriplace.app");

    @Test
    void onlyFxThreadHandsWorkToTheJavaFxThread() {
        noClasses().that().doNotHaveFullyQualifiedName(FxThread.class.getName())
            .should().callMethod(Platform.class, "runLater", Runnable.class)
            .because("DESIGN.md: the JavaFX thread is reached through one adapter")
            .check(APP);
    }

    @Test
    void viewModelsAndTheDiscoveryAndRuntimeCodeDoNotUseJavaFx() {
        noClasses().that().haveSimpleName("Viewport").or().haveSimpleName("CanvasPixels")
            .or().haveSimpleName("PixelFeed").or().haveSimpleName("PlacementModel").or().haveSimpleName("NodeStatus")
            .or().resideInAnyPackage("org.distriplace.app.discovery..", "org.distriplace.app.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("view models are tested as plain JUnit")
            .check(APP);
    }
}
