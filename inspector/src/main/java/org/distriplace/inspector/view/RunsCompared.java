package org.distriplace.inspector.view;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.model.Divergence;

/**
 * Two branches of one simulated run, side by side (ShiViz's comparison of executions, on a run that still goes
 * on): copies made at one event, each in an inspector of its own with its own fault controls, driven by one clock
 * so both show the same moment. Change a fault in one and watch where, and how, the runs part.
 */
public final class RunsCompared extends BorderPane {

    private static final long CHECK_MS = 250;

    private final SimulatedCluster a;
    private final SimulatedCluster b;
    private final InspectorPane left;
    private final InspectorPane right;
    private final Button pause = new Button();
    private final Label parted = new Label();
    private final Button show = new Button("Show where they part");
    private final Label branched = new Label();
    private final Label clock = new Label();
    private final FrameTimer timer;
    private Optional<Divergence.Difference> difference = Optional.empty();
    private long sinceCheck;

    /** Branches {@code original} twice where it is now (it is left as it was, and paused). */
    public RunsCompared(SimulatedCluster original) {
        getStyleClass().add("runs-compared");
        original.setPaused(true);
        EventInbox aInbox = new EventInbox(1_000_000);
        EventInbox bInbox = new EventInbox(1_000_000);
        a = original.branch(aInbox);
        b = original.branch(bInbox);
        left = new InspectorPane(InspectorSource.of("A: as it ran", a, aInbox));
        right = new InspectorPane(InspectorSource.of("B: change a fault here", b, bInbox));
        left.setId("run-a");
        right.setId("run-b");
        for (InspectorPane pane : new InspectorPane[] {left, right}) {
            pane.catchUp();
            pane.show(pane.spaceTime());
            // One clock drives both (this window's bar): a side's own time controls would let them drift apart.
            pane.hideTimeControls();
        }
        branched.setText(String.format(Locale.ROOT, "Branched at t = %.3f s, at event %,d", original.now()
            / 1000.0, left.model().log().total()));
        SplitPane sides = new SplitPane(left, right);
        sides.setDividerPositions(0.5);
        setTop(bar());
        setCenter(sides);
        timer = new FrameTimer(this::frame);
        check();
    }

    /** The button that opens a comparison of {@code cluster}'s run from its current event, in a window of its own. */
    static Button button(SimulatedCluster cluster, Supplier<Window> owner) {
        Button branch = new Button("Branch…");
        branch.setId("branch");
        branch.setTooltip(new Tooltip("Copy this run twice from this event and show both side by side: "
            + "change a fault in one and compare"));
        branch.setOnAction(e -> open(cluster, owner.get()));
        return branch;
    }

    /** Opens the comparison in a window of its own, filling the screen {@code owner} is on; its clock stops when it closes. */
    public static Stage open(SimulatedCluster original, Window owner) {
        RunsCompared compared = new RunsCompared(original);
        Stage stage = new Stage();
        stage.setTitle("distri-place: two runs from event " + String.format(Locale.ROOT, "%,d",
            compared.left.model().log().total()));
        // Two inspectors side by side want the whole screen the demo is on, and never more (a projector is 720 high).
        Rectangle2D screen = (owner == null ? List.<Screen>of()
            : Screen.getScreensForRectangle(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()),
                Math.max(1, owner.getHeight()))).stream().findFirst().orElse(Screen.getPrimary())
            .getVisualBounds();
        stage.setScene(new Scene(compared, screen.getWidth(), screen.getHeight()));
        stage.setX(screen.getMinX());
        stage.setY(screen.getMinY());
        stage.setMaximized(true);
        stage.setOnHidden(e -> compared.stop());
        compared.start();
        stage.show();
        return stage;
    }

    private VBox bar() {
        pause.setId("pause-both");
        pause.setOnAction(e -> setPaused(!(a.isPaused() && b.isPaused())));
        Button step = new Button("Step both ▸");
        step.setId("step-both");
        step.setTooltip(new Tooltip("Run both to the next moment either has an event"));
        step.setOnAction(e -> stepBoth());
        show.setId("show-parting");
        show.setOnAction(e -> difference.ifPresent(d -> {
            left.spaceTime().showMoment(d.a().event().at());
            right.spaceTime().showMoment(d.b().event().at());
        }));
        parted.setId("parted");
        parted.getStyleClass().add("parted");
        parted.setWrapText(true);
        parted.setMaxWidth(Double.MAX_VALUE);
        Slider speed = new Slider(-2, 0.6, Math.log10(a.speed()));
        speed.setId("speed-both");
        speed.setPrefWidth(140);
        speed.valueProperty().addListener((o, was, now) -> {
            a.setSpeed(Math.pow(10, now.doubleValue()));
            b.setSpeed(a.speed());
        });
        HBox controls = new HBox(8, pause, step, new Label("speed"), speed, clock, show, branched);
        controls.getChildren().forEach(child -> ((Region) child).setMinWidth(Region.USE_PREF_SIZE));
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(4, controls, parted);
        bar.getStyleClass().add("playback-bar");
        bar.setPadding(new Insets(6, 8, 6, 8));
        refreshPause();
        return bar;
    }

    /** Pauses or resumes both runs together, at one speed (A's). */
    public void setPaused(boolean paused) {
        b.setSpeed(a.speed());
        a.setPaused(paused);
        b.setPaused(paused);
        refreshPause();
    }

    /** Runs both to the next moment either has something due, so they stay at the same time. */
    public void stepBoth() {
        long next = Math.min(a.nextAt(), b.nextAt());
        if (next == Long.MAX_VALUE) {
            return;
        }
        a.runTo(next);
        b.runTo(next);
        frame(0);
    }

    /** Runs both, paused, to {@code virtualMs}. */
    public void runBothTo(long virtualMs) {
        a.runTo(virtualMs);
        b.runTo(virtualMs);
        frame(0);
    }

    /** One frame: {@code realMs} passes for both runs, both inspectors redraw, and every so often they are compared. */
    public void frame(long realMs) {
        left.frame(realMs);
        right.frame(realMs);
        sinceCheck += realMs;
        if (realMs == 0 || sinceCheck >= CHECK_MS) {
            sinceCheck = 0;
            check();
        }
    }

    private void check() {
        difference = Divergence.first(left.model().log(), right.model().log());
        parted.setText(difference.map(d -> String.format(Locale.ROOT,
                "They part at event %,d.   A: %s   B: %s", d.seq(), d.a().text(), d.b().text()))
            .orElseGet(() -> String.format(Locale.ROOT, "Alike so far: %,d events in both",
                Math.min(left.model().log().total(), right.model().log().total()))));
        show.setDisable(difference.isEmpty());
        refreshPause();
    }

    private void refreshPause() {
        pause.setText(a.isPaused() && b.isPaused() ? "Resume both ▶" : "Pause both ❚❚");
        clock.setText(String.format(Locale.ROOT, "t = %.3f s", a.now() / 1000.0));
    }

    /** Where the two runs part, if they have. */
    public Optional<Divergence.Difference> difference() {
        return difference;
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** The run as it went (A) and the one to change (B). */
    public SimulatedCluster runA() {
        return a;
    }

    public SimulatedCluster runB() {
        return b;
    }

    public InspectorPane paneA() {
        return left;
    }

    public InspectorPane paneB() {
        return right;
    }

    /** What the bar says of where they part. */
    public String parting() {
        return parted.getText();
    }
}
