package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.geometry.Bounds;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.model.ShardStates;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Shards tab on a sharded demo (`demo --nodes 9 --shards 3x3`, and 27 nodes), on a desktop screen and on a
 * 1280×720 projector in Present mode: every shard drawn with three distinct replicas and a leader, nothing cut short, and when a
 * node that leads shards is killed, each of those shards elects anew among its live replicas while the others keep
 * their leaders. Screenshots go to target/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class ShardViewsTest {

    /** Frames of 200 ms of real time (cluster time at speed 1) a shard may take to elect. */
    private static final int FRAMES_TO_ELECT = 150;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @ParameterizedTest(name = "{0} nodes in {1}x{2}, presenting: {3}")
    @CsvSource({"9, 1600, 1000, false", "27, 1600, 1000, false", "9, 1280, 720, true", "27, 1280, 720, true"})
    void everyShardIsDrawnLedAndElectsAnewWhenItsLeaderDies(int nodes, int width, int height, boolean present,
                                                            FxRobot robot) throws Exception {
        DemoSettings settings = DemoSettings.demo(nodes, 28)
            .withSharding(new ScenarioOptions.Sharding(3, 3, 3));
        DemoPane demo = WaitForAsyncUtils.asyncFx(() -> DemoPane.show(stage, settings, width, height)).get();
        InspectorPane pane = demo.pane;
        WaitForAsyncUtils.asyncFx(() -> pane.presentationProperty().set(present)).get();
        Parent view = DemoPane.selectTab(robot, pane, "Shards");
        framesUntil(demo, () -> allLed(pane), "every shard led at first: " + pane.model().shards().shards());

        List<ShardStates.Shard> shards = pane.model().shards().shards();
        assertEquals(9, shards.size());
        for (ShardStates.Shard shard : shards) {
            assertEquals(3, new HashSet<>(shard.replicas()).size(), "three distinct replicas: " + shard);
            assertTrue(shard.replicas().contains(shard.leader()), "a replica leads: " + shard);
        }
        assertEquals(List.of(), ShownInFull.cutShort(view), "nothing cut short");
        Label summary = robot.lookup("#shard-summary").queryAs(Label.class);
        assertTrue(summary.getText().startsWith("9 of 9 shards led"), summary.getText());
        Bounds inTab = view.getBoundsInLocal();
        assertTrue(summary.getBoundsInParent().getMaxY() <= inTab.getMaxY() + 1, "the summary fits: " + inTab);

        int victim = shards.get(0).leader();
        List<ShardStates.Shard> led = shards.stream().filter(s -> s.leader() == victim).toList();
        WaitForAsyncUtils.asyncFx(() -> demo.cluster.kill(victim)).get();
        framesUntil(demo, () -> pane.model().shards().shards().stream().filter(s -> led.stream()
            .anyMatch(l -> l.id() == s.id())).allMatch(s -> s.leader() != 0 && s.leader() != victim),
            "n" + victim + "'s shards " + led + " elect anew");
        for (ShardStates.Shard before : led) {
            ShardStates.Shard after = pane.model().shards().shards().get(before.id());
            assertNotEquals(victim, after.leader());
            assertTrue(after.epoch() > before.epoch(), "a new epoch in shard " + before.id());
        }
        for (ShardStates.Shard other : shards) {
            if (!other.replicas().contains(victim)) {
                assertEquals(other.leader(), pane.model().shards().shards().get(other.id()).leader(),
                    "shard " + other.id() + " did not hold n" + victim + ": same leader");
            }
        }
        ShardStates.Shard first = pane.model().shards().shards().get(0);
        int second = first.running().stream().filter(id -> id != first.leader()).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> demo.cluster.kill(second)).get();
        framesUntil(demo, () -> pane.model().shards().shards().get(0).health() == ShardStates.Health.NO_QUORUM,
            "shard 0 without its majority once n" + second + " dies too");
        assertEquals(0, pane.model().shards().shards().get(0).leader(), "no leader without a majority");
        demo.frames(1, 200);
        assertTrue(summary.getText().matches(".*shards \\[0(, \\d+)*\\] lost their majority.*"), summary.getText());
        WaitForAsyncUtils.asyncFx(() -> pane.follow(shards.get(4).x(), shards.get(4).y())).get();
        WaitForAsyncUtils.waitForFxEvents();
        Label where = robot.lookup("#journey-shard").queryAs(Label.class);
        assertTrue(where.isVisible() && where.getText().startsWith("Shard 4 (group g5)"), where.getText());
        DemoPane.selectTab(robot, pane, "Shards");

        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        byte[] png = WaitForAsyncUtils.asyncFx(() -> Pictures.png(pane)).get();
        Files.write(dir.resolve("inspector-shards-" + nodes + "-" + width + "x" + height + (present ? "-present" : "")
            + ".png"), png);
    }

    private static boolean allLed(InspectorPane pane) {
        List<ShardStates.Shard> shards = pane.model().shards().shards();
        return shards.size() == 9 && shards.stream().allMatch(s -> s.health() == ShardStates.Health.LED);
    }

    /** Runs frames until {@code done} holds, failing with {@code what} after {@link #FRAMES_TO_ELECT}. */
    private static void framesUntil(DemoPane demo, BooleanSupplier done, String what) throws Exception {
        for (int frame = 0; frame < FRAMES_TO_ELECT; frame++) {
            if (WaitForAsyncUtils.asyncFx(done::getAsBoolean).get()) {
                return;
            }
            demo.frames(1, 200);
        }
        throw new AssertionError("not within " + FRAMES_TO_ELECT + " frames: " + what);
    }
}
