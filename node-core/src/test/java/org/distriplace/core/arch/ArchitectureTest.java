package org.distriplace.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Keeps the architecture honest: no JavaFX in node-core; in the deterministic packages (protocol machines, the
 * engine, the model and the simulator) no Netty, no sockets, no threads and no wall clock, so a seed replays.
 */
class ArchitectureTest {

    private static final String[] DETERMINISTIC = {
        "org.distriplace.core.protocol..", "org.distriplace.core.node..", "org.distriplace.core.model..",
        "org.distriplace.core.clock..", "org.distriplace.core.canvas..", "org.distriplace.core.message..",
        "org.distriplace.core.event..", "org.distriplace.core.sim..",
    };

    private static final JavaClasses CORE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.distriplace.core");

    private static void check(ArchRule rule) {
        rule.check(CORE);
    }

    @Test
    void nodeCoreNeverTouchesJavaFx() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("node-core runs headless; the UI reaches the node through its API"));
    }

    @Test
    void protocolCodeHasNoNettyAndNoSockets() {
        check(noClasses().that().resideInAnyPackage(DETERMINISTIC)
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.net..", "java.nio.channels..")
            .because("protocol code is pure: the network is behind Transport"));
    }

    @Test
    void protocolCodeHasNoThreads() {
        check(noClasses().that().resideInAnyPackage(DETERMINISTIC)
            .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ExecutorService")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
            .orShould().dependOnClassesThat()
            .haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService")
            .because("one thread owns a node; the simulator must replay a seed exactly"));
    }

    @Test
    void protocolCodeNeverReadsTheWallClock() {
        check(noClasses().that().resideInAnyPackage(DETERMINISTIC)
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.Clock.class, "systemUTC")
            .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
            .because("time is passed in (Clock), so runs are deterministic"));
    }

    @Test
    void protocolCodeNeverSleepsOrMakesItsOwnRandomness() {
        check(noClasses().that().resideInAnyPackage(DETERMINISTIC)
            .should().callMethod(Thread.class, "sleep", long.class)
            .orShould().callConstructor(java.util.Random.class)
            .orShould().callMethod(Math.class, "random")
            .because("randomness is injected and seeded"));
    }
}
