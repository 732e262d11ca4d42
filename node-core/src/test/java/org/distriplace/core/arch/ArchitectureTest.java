package org.distriplace.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps the architecture honest: no JavaFX in node-core; in the deterministic packages (protocol machines, the
 * engine, the model, the read view and the simulator) no Netty, no sockets, no threads and no wall clock, so a seed
 * replays; the HTTP/WebSocket API sees only the node's public face; the engine's roles are its own.
 */
class ArchitectureTest {

    private static final String[] DETERMINISTIC = {
        "org.distriplace.core.protocol..", "org.distriplace.core.node..", "org.distriplace.core.model..",
        "org.distriplace.core.clock..", "org.distriplace.core.canvas..", "org.distriplace.core.message..",
        "org.distriplace.core.event..", "org.distriplace.core.sim..", "org.distriplace.core.read..",
        "org.distriplace.core.fault..", "org.distriplace.core.image..", "org.distriplace.core.account..",
    };

    /** What of the node package the outside may see; everything else there is the engine's own. */
    private static final Set<String> NODE_PUBLIC_FACE = Set.of("NodeEngine", "NodeConfig", "NodeReport",
        "ShardReport", "PlaceResult", "PlaceError", "PlaceException", "MembershipChangeException", "PixelListener", "CommitFeed",
        "ReadSide", "Clock",
        "Scheduler", "Transport", "EventStore", "GroupCommitStore", "QueuedEventStore");

    /**
     * What the API may use of node-core: the {@link org.distriplace.core.engine.Engine} (so it never knows whether
     * a peer or an edge serves it), the read view and plain values; never the running node itself.
     */
    private static final DescribedPredicate<JavaClass> BEYOND_THE_PUBLIC_FACE = new DescribedPredicate<>(
        "node-core classes beyond the node's public face") {
        @Override
        public boolean test(JavaClass type) {
            String name = type.getName();
            if (!name.startsWith("org.distriplace.core.")) {
                return false;
            }
            String pkg = type.getPackageName();
            boolean values = pkg.matches(
                "org\\.distriplace\\.core\\.(api|engine|read|history|image|model|clock|event|wire)(\\..*)?");
            boolean face = name.startsWith("org.distriplace.core.net.ClusterSecret")
                || name.startsWith("org.distriplace.core.net.MutualChallenge")
                || pkg.equals("org.distriplace.core.node") && NODE_PUBLIC_FACE.contains(topLevelName(type))
                    && !topLevelName(type).equals("NodeEngine");
            return !values && !face;
        }
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

    @Test
    void theApiSeesOnlyTheNodesPublicFace() {
        check(noClasses().that().resideInAPackage("org.distriplace.core.api..")
            .should().dependOnClassesThat(BEYOND_THE_PUBLIC_FACE)
            .because("servers read the published view and place through the Engine; never a node or its state"));
    }

    @Test
    void theEnginesRolesAreItsOwn() {
        check(noClasses().that().resideInAPackage("org.distriplace.core.node")
            .and(new DescribedPredicate<JavaClass>("are not part of the node's public face") {
                @Override
                public boolean test(JavaClass type) {
                    return !NODE_PUBLIC_FACE.contains(topLevelName(type));
                }
            })
            .should().bePublic()
            .because("roles, the context and the gate change only through the engine"));
    }

    private static String topLevelName(JavaClass type) {
        String simple = type.getName().substring(type.getPackageName().length() + 1);
        int nested = simple.indexOf('$');
        return nested < 0 ? simple : simple.substring(0, nested);
    }
}
