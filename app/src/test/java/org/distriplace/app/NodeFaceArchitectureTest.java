package org.distriplace.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The desktop app and the inspector know a node by its public face (the running {@code Node}, its reports, events
 * and read view; the simulator's typed reads in demo mode), never by the engine or the protocol's machines.
 */
class NodeFaceArchitectureTest {

    private static final JavaClasses UI = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.distriplace.app", "org.distriplace.inspector");

    @Test
    void theAppAndTheInspectorNeverSeeTheEngineOrTheProtocolMachines() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.distriplace.core.node.NodeEngine")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.distriplace.core.protocol..",
                "org.distriplace.core.canvas..")
            .because("the engine's state is the node thread's alone; readers use what the node publishes")
            .check(UI);
    }
}
