package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.distriplace.core.message.MessageKind;
import org.distriplace.inspector.model.Flight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The space-time diagram on a 1280×720 projector, zoomed to an election after the leader of a simulated 5-node
 * cluster crashed: its ruler, the crosses of the messages to the dead leader, the hover label, and presentation
 * mode's larger type.
 */
@ExtendWith(ApplicationExtension.class)
class SpaceTimeViewTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private DemoPane demo;
    private SpaceTimeView view;

    @Start
    void start(Stage stage) {
        demo = DemoPane.show(stage, 5, 11, 1280, 720);
        view = demo.pane.spaceTime();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(action).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    /** The crashed leader and the first ELECTION sent after the crash. */
    private record Election(int dead, Flight first) {
    }

    /** Crashes the leader once one is elected, runs until another has won, and shows the diagram. */
    private Election crashTheLeaderAndElectAnother() throws Exception {
        demo.frames(50, 200);
        int leader = fx(() -> demo.cluster.leader().orElseThrow());
        long crashedAt = fx(() -> {
            demo.cluster.kill(leader);
            return demo.cluster.now();
        });
        for (int i = 0; i < 200 && fx(() -> demo.cluster.leader().filter(l -> l != leader)).isEmpty(); i++) {
            demo.frames(1, 100);
        }
        assertTrue(fx(() -> demo.cluster.leader().filter(l -> l != leader)).isPresent(), "a new leader");
        fx(() -> {
            demo.pane.show(view);
            demo.pane.frame(0);
            return null;
        });
        Flight first = fx(() -> demo.pane.model().messages().recent().stream()
            .filter(f -> f.kind() == MessageKind.ELECTION && f.sentAt() >= crashedAt).findFirst().orElseThrow());
        return new Election(leader, first);
    }

    @Test
    void aZoomedElectionShowsItsRulerCrossesWhereMessagesWereLostAndNamesEachArrow(FxRobot robot) throws Exception {
        Election election = crashTheLeaderAndElectAnother();
        int dead = election.dead();

        robot.clickOn("#spacetime-zoom-in");
        assertEquals(2_000, view.windowMs(), "one rung in from 5 s");
        robot.clickOn("#spacetime-zoom-out");
        assertEquals(5_000, view.windowMs());
        SpaceTimeDrawing wide = view.drawing();
        assertTicksMatchTheZoom(wide);
        assertTrue(step(wide) >= 500, "half seconds apart at 5 s: " + wide.ticks());
        Files.createDirectories(SCREENSHOTS);
        fx(() -> Files.write(SCREENSHOTS.resolve("spacetime-wide.png"), Pictures.png(view)));

        SpaceTimeDrawing zoomed = fx(() -> {
            view.setWindowMs(50);
            assertTrue(view.showMoment(election.first().sentAt() + 20));
            return view.drawing();
        });
        assertEquals(50, zoomed.frame().windowMs());
        assertTicksMatchTheZoom(zoomed);
        assertTrue(step(zoomed) <= 10, "milliseconds apart at 50 ms: " + zoomed.ticks());
        assertTrue(zoomed.ticks().get(0).label().matches("\\d+\\.\\d{3} s"), zoomed.ticks().toString());
        assertTrue(robot.lookup("#spacetime-scale").queryAs(Label.class).getText().startsWith("50 ms shown"));

        // (b) a message to the dead leader ends in a cross at its send time plus the typical latency.
        long typical = fx(() -> demo.pane.model().messages().typicalMs());
        List<FlightShape> lost = zoomed.arrows().stream()
            .filter(a -> a.ending() == FlightShape.Ending.LOST && a.flight().to() == dead).toList();
        assertFalse(lost.isEmpty(), "a lost message to n" + dead + ": " + zoomed.arrows());
        for (FlightShape shape : lost) {
            double expected = zoomed.frame().y(shape.flight().sentAt() + typical);
            assertEquals(expected, shape.y2(), 0.5, "the cross at send + " + typical + " ms");
            assertTrue(zoomed.crosses().contains(new Point2D(shape.x2(), shape.y2())), "a cross drawn there");
            assertTrue(shape.y2() < zoomed.frame().height() - 20, "not a line to the bottom edge: " + shape.y2());
        }

        // (c) hovering names the message under the mouse, and nothing away from the arrows.
        FlightShape alone = alone(zoomed);
        double midX = (alone.x1() + alone.x2()) / 2;
        double midY = (alone.y1() + alone.y2()) / 2;
        String label = fx(() -> view.labelAt(midX + 3, midY)).orElseThrow();
        assertTrue(label.startsWith(alone.flight().kind().name()), label);
        assertTrue(label.contains(alone.flight().summary()), label);
        assertTrue(label.contains("n" + alone.flight().from() + " → n" + alone.flight().to()), label);
        assertTrue(label.contains("sent " + TimeAxis.label(alone.flight().sentAt(), 1)), label);
        assertEquals(Optional.empty(), fx(() -> view.labelAt(2, zoomed.frame().height() / 2)), "on the ruler");
        FlightShape cross = lost.get(0);
        assertTrue(fx(() -> view.labelAt(cross.x2() - 1, cross.y2())).orElseThrow().contains("lost"));
    }

    @Test
    void presentationModeDrawsLargerNamesAndTimesAndShowsTheHoverLabelOnAProjector(FxRobot robot)
        throws Exception {
        Election election = crashTheLeaderAndElectAnother();
        assertEquals(12.0, headerSize(fx(view::svg)), 0.01, "the inspector's type");
        fx(() -> {
            demo.pane.presentationProperty().set(true);
            // Presentation mode fills the screen; the projector here is 1280×720.
            Stage stage = (Stage) demo.pane.getScene().getWindow();
            stage.setFullScreen(false);
            stage.setWidth(1280);
            stage.setHeight(720);
            return null;
        });
        SpaceTimeDrawing shown = fx(() -> {
            view.setWindowMs(50);
            view.showMoment(election.first().sentAt() + 20);
            return view.drawing();
        });
        String svg = fx(view::svg);
        assertEquals(InspectorPane.PRESENTATION_FONT_SIZE, headerSize(svg), 0.01, "names read from the back");
        assertEquals(InspectorPane.PRESENTATION_FONT_SIZE, shown.frame().fontSize(), 0.01);
        assertTrue(svg.contains(">" + shown.ticks().get(0).label() + "</text>"), "the ruler is in the SVG");
        assertTrue(count(svg, "stroke=\"#b00020\"") >= 2 * shown.crosses().size() && !shown.crosses().isEmpty(),
            "so are the crosses");

        FlightShape alone = alone(shown);
        Canvas canvas = (Canvas) view.lookup("Canvas");
        Point2D onScreen = fx(() -> canvas.localToScreen((alone.x1() + alone.x2()) / 2 + 2,
            (alone.y1() + alone.y2()) / 2));
        robot.moveTo(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        Label hover = robot.lookup("#spacetime-hover").queryAs(Label.class);
        assertTrue(hover.isVisible(), "the hover label shows");
        assertTrue(hover.getText().startsWith(alone.flight().kind().name()), hover.getText());
        assertEquals(InspectorPane.PRESENTATION_FONT_SIZE, hover.getFont().getSize(), 0.01);
        assertEquals(List.of(), ShownInFull.cutShort(view));

        Files.createDirectories(SCREENSHOTS);
        fx(() -> Files.write(SCREENSHOTS.resolve("spacetime-zoomed.png"), Pictures.png(view)));
        fx(() -> Files.write(SCREENSHOTS.resolve("spacetime-zoomed-window.png"), Pictures.png(demo.pane)));
    }

    /** The ticks lie a round step apart, at least the least gap apart on screen and less than 2.5 gaps. */
    private static void assertTicksMatchTheZoom(SpaceTimeDrawing drawing) {
        List<TimeAxis.Tick> ticks = drawing.ticks();
        assertTrue(ticks.size() >= 3, "a ruler: " + ticks);
        long step = step(drawing);
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(step, ticks.get(i).atMs() - ticks.get(i - 1).atMs(), ticks.toString());
        }
        assertTrue(ticks.stream().allMatch(t -> t.atMs() % step == 0), "on round times: " + ticks);
        SpaceTimeFrame frame = drawing.frame();
        double apart = frame.y(ticks.get(1).atMs()) - frame.y(ticks.get(0).atMs());
        assertTrue(apart >= frame.tickGap() && apart < 2.5 * frame.tickGap(), apart + " px apart");
        assertEquals(ticks.size(), ticks.stream().map(TimeAxis.Tick::label).distinct().count(), "distinct labels");
    }

    private static long step(SpaceTimeDrawing drawing) {
        return drawing.ticks().get(1).atMs() - drawing.ticks().get(0).atMs();
    }

    /** An arrow whose middle lies more than the hover's reach from every other arrow, and long enough to point at. */
    private static FlightShape alone(SpaceTimeDrawing drawing) {
        return drawing.arrows().stream().filter(a -> Math.hypot(a.x2() - a.x1(), a.y2() - a.y1()) > 40)
            .filter(a -> drawing.arrows().stream().filter(b -> b != a)
                .allMatch(b -> b.distanceTo((a.x1() + a.x2()) / 2 + 2, (a.y1() + a.y2()) / 2) > 12))
            .findFirst().orElseThrow(() -> new AssertionError("no arrow stands alone: " + drawing.arrows()));
    }

    /** The type size of the lane header "n1" in {@code svg}. */
    private static double headerSize(String svg) {
        Matcher m = Pattern.compile("font-size=\"([0-9.]+)\"[^>]*>n1</text>").matcher(svg);
        assertTrue(m.find(), svg);
        return Double.parseDouble(m.group(1));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
