package org.distriplace.inspector.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.Lesson;
import org.distriplace.inspector.feed.LessonRunner;
import org.distriplace.inspector.feed.Playback;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.feed.TraceReplay;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.PixelJourney;
import org.distriplace.inspector.trace.ShiVizLog;
import org.distriplace.inspector.trace.TraceFile;

/**
 * The cluster inspector: the cluster graph and the fault controls on the left; vector clocks, 2PC rounds,
 * heartbeats, the space-time diagram and the event log in tabs on the right; time controls, and the form for
 * watching nodes on other machines, on top where the source has them. Each frame it drains the source's inbox into
 * its model and redraws; it reads nothing else.
 */
public final class InspectorPane extends BorderPane {

    /** At most this many events enter the model per frame; the rest wait (the backlog shows the lag). */
    public static final int MAX_EVENTS_PER_FRAME = 20_000;
    /** The inspector's font size, and presentation mode's (read from the back of a lecture hall). */
    static final double FONT_SIZE = 12;
    static final double PRESENTATION_FONT_SIZE = 20;
    /** The most real time one frame lets pass: beyond it, time jumps would be hard to follow. */
    static final long MAX_FRAME_MS = 250;
    private static final long TABLE_REFRESH_MS = 250;
    /** The graph's share of the width; in presentation mode the picture takes more. */
    private static final double NORMAL_DIVIDER = 0.45;
    private static final double PRESENTATION_DIVIDER = 0.55;

    private final BooleanProperty presentation = new SimpleBooleanProperty(false);
    private LessonControls lessons;
    private final PixelJourneyView journey = new PixelJourneyView(this::follow, this::unfollow);
    private final ClusterGraphView graph = new ClusterGraphView();
    private final InspectorTabs tabs = new InspectorTabs(journey);
    private final SpaceTimeView spaceTime = tabs.spaceTime;
    private final GraphColumn left = new GraphColumn(graph);
    private final SplitPane split;
    private final VBox top = new VBox();
    private final Label title = new Label();
    private final Label status = new Label();
    private final FrameTimer timer;
    private InspectorSource source;
    private InspectorModel model;
    private PlaybackBar playbackBar;
    private FaultPanel faultPanel;
    private RemoteNodesBar remoteBar;
    private long sinceTables = TABLE_REFRESH_MS;

    public InspectorPane(InspectorSource source) {
        getStyleClass().add("inspector");
        getStylesheets().add(Objects.requireNonNull(InspectorPane.class.getResource(
            "/org/distriplace/inspector/inspector.css")).toExternalForm());
        // A tab brought forward is drawn at once, not at the next table refresh.
        tabs.getSelectionModel().selectedItemProperty().addListener(o -> {
            if (model != null) {
                refreshTables(source.clock().getAsLong());
            }
        });
        split = new SplitPane(left, tabs);
        split.setDividerPositions(NORMAL_DIVIDER);
        setCenter(split);
        setTop(top);
        // A lesson's caption (or the remote bar) taking a band: the fault panel folds if the graph would be too small.
        top.heightProperty().addListener(o -> left.refit());
        status.setId("inspector-status");
        title.getStyleClass().add("inspector-title");
        timer = new FrameTimer(this::frame);
        presentation.addListener((o, was, on) -> present(on));
        addEventHandler(KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.F5) {
                presentation.set(!presentation.get());
                key.consume();
            } else if (key.getCode() == KeyCode.PAGE_DOWN && lessons != null && lessons.next()) {
                key.consume(); // a presenter's clicker: the lesson's Next
            }
        });
        watch(source);
    }

    /**
     * Presentation mode: the picture larger (the graph's nodes, the views' type, the lesson's caption) while the
     * controls keep their size, strong contrast, full screen; the fault panel folds away (its title unfolds it).
     */
    public BooleanProperty presentationProperty() {
        return presentation;
    }

    private void present(boolean on) {
        getStyleClass().remove("presentation");
        if (on) {
            getStyleClass().add("presentation");
        }
        tabs.setFontSize(on ? PRESENTATION_FONT_SIZE : FONT_SIZE);
        graph.setScale(on ? 1.6 : 1);
        split.setDividerPositions(on ? PRESENTATION_DIVIDER : NORMAL_DIVIDER);
        left.setPresentation(on);
        if (getScene() != null && getScene().getWindow() instanceof Stage stage) {
            stage.setFullScreen(on);
        }
        frame(0);
    }

    /** Watches another source from scratch (a loaded trace, a node after a restart). */
    public void watch(InspectorSource next) {
        this.source = next;
        this.model = new InspectorModel();
        title.setText(next.title());
        playbackBar = next.timeControls().map(p -> new PlaybackBar(p,
            p instanceof SimulatedCluster sim ? sim::play : null, p.canStepBack() ? this::stepBack : null))
            .orElse(null);
        faultPanel = next.faultControls().map(FaultPanel::new).orElse(null);
        tabs.setInvariants(new InvariantsView(next.playback() instanceof SimulatedCluster sim ? sim::violation
            : null));
        remoteBar = next.remoteNodes().map(RemoteNodesBar::new).orElse(null);
        left.setFaultPanel(faultPanel);
        top.getChildren().setAll(header());
        if (playbackBar != null) {
            top.getChildren().add(playbackBar);
        }
        lessons = null;
        if (next.playback() instanceof SimulatedCluster sim) {
            lessons = new LessonControls(sim, top, status::setText);
            playbackBar.addTools(lessons.menu(() -> FileMenu.choose(getScene().getWindow(),
                "distri-place lesson", "*.lesson", false)), RunsCompared.button(sim, () -> getScene().getWindow()));
        }
        if (remoteBar != null) {
            top.getChildren().add(remoteBar);
        }
        frame(0);
    }

    private HBox header() {
        ToggleButton present = new ToggleButton("Present");
        present.setId("present");
        present.setTooltip(new Tooltip("Presentation mode: large type and nodes, strong contrast, full screen (F5)"));
        present.selectedProperty().bindBidirectional(presentation);
        MenuButton files = FileMenu.of(this::exportPicture, this::exportShiViz, this::saveTrace, this::loadTrace,
            () -> getScene().getWindow());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, title, gap, status, present, files);
        bar.getStyleClass().add("inspector-header");
        bar.setAlignment(Pos.CENTER_LEFT);
        // The title and the status give way (they elide); the buttons are never pushed off the window.
        title.setMinWidth(0);
        status.setMinWidth(0);
        present.setMinWidth(Region.USE_PREF_SIZE);
        files.setMinWidth(Region.USE_PREF_SIZE);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    /**
     * Goes back one event, where the source can (the simulated demo): what was shown is cleared and the replayed
     * story drawn again, ending just before the event that ran last. False where time cannot go back.
     */
    public boolean stepBack() {
        Playback playback = source.playback();
        if (playback == null || !playback.canStepBack()) {
            return false;
        }
        source.inbox().clear();
        model = new InspectorModel();
        boolean back = playback.stepBack();
        catchUp();
        return back;
    }

    /** Takes in every event waiting, however many (a replayed story, told at once), and redraws. */
    public void catchUp() {
        while (source.inbox().drainTo(model, MAX_EVENTS_PER_FRAME) > 0) {
            // the replayed story, all of it
        }
        frame(0);
    }

    /**
     * Follows the pixel (x, y): its newest write's journey is listed in its tab (brought forward), and the messages
     * that carried it are drawn bold in the space-time diagram, which shows when it was placed.
     */
    public Optional<PixelJourney> follow(int x, int y) {
        Optional<PixelJourney> found = PixelJourney.of(model, x, y);
        show(journey);
        journey.show(x, y, found);
        journey.showShard(model.shards().sharded() ? model.shards().shardAt(x, y) : null);
        tabs.shards.follow(new int[] {x, y});
        spaceTime.highlight(found.map(PixelJourney::flights).orElse(Set.of()));
        graph.highlight(found.map(PixelJourney::flights).orElse(Set.of()),
            found.map(PixelJourney::reached).orElse(Set.of()));
        found.ifPresent(j -> spaceTime.showMoment(j.stops().get(0).at()));
        return found;
    }

    private void unfollow() {
        journey.clear();
        tabs.shards.follow(null);
        spaceTime.highlight(Set.of());
        graph.highlight(Set.of(), Set.of());
    }

    /** Plays {@code next} on the simulated demo, its captions above the views; false where the source is not one. */
    public boolean playLesson(Lesson next) {
        if (lessons == null) {
            return false;
        }
        lessons.play(next);
        return true;
    }

    /** The lesson playing, if one is. */
    public Optional<LessonRunner> lesson() {
        return lessons == null ? Optional.empty() : lessons.runner();
    }

    /** Starts following the source, one frame per screen refresh. */
    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** One frame: lets {@code realMs} pass for the source's clock, takes in what arrived and redraws. */
    public void frame(long realMs) {
        source.timeControls().ifPresent(p -> p.advance(realMs));
        if (lessons != null) {
            lessons.tick();
        }
        source.inbox().drainTo(model, MAX_EVENTS_PER_FRAME);
        long now = source.clock().getAsLong();
        model.advanceTo(now);
        graph.refresh(model, now);
        sinceTables += realMs;
        if (sinceTables >= TABLE_REFRESH_MS || realMs == 0) {
            sinceTables = 0;
            refreshTables(now);
        } else {
            tabs.refreshMoving(model, now);
        }
    }

    private void refreshTables(long now) {
        tabs.refresh(model, now);
        if (playbackBar != null) {
            playbackBar.refresh();
        }
        if (faultPanel != null) {
            faultPanel.refresh();
        }
        if (remoteBar != null) {
            remoteBar.refresh();
        }
        // The events of this run as the model holds them (after Step back, the replayed run's, not the inbox's
        // lifetime count): the same count as Branch's "after N events" and its "Alike so far".
        status.setText(String.format(Locale.ROOT, "event %,d · not yet shown %,d · skipped by the inspector %,d",
            model.log().total(), source.inbox().backlog(), source.inbox().dropped()));
    }

    /** Writes what the inspector recorded as a ShiViz log; errors show in the status line. */
    public void exportShiViz(Path file) {
        status.setText(Pictures.write(file, () -> ShiVizLog.export(model.log().events()),
            "exported " + model.log().events().size() + " events"));
    }

    /** The views a picture can be taken of, for slides. */
    public enum Picture {
        GRAPH("Cluster graph"), SPACE_TIME("Space-time diagram");

        final String title;

        Picture(String title) {
            this.title = title;
        }
    }

    /**
     * Writes a picture of a view to {@code file}: SVG (vectors, drawn again from what the view shows) when the name
     * ends in {@code .svg}, otherwise PNG (as on screen). The space-time diagram is brought forward first.
     */
    public void exportPicture(Picture picture, Path file) {
        if (picture == Picture.SPACE_TIME) {
            show(spaceTime);
            applyCss();
            layout();
            spaceTime.refresh(model, source.clock().getAsLong());
        }
        status.setText(Pictures.save(file, picture == Picture.GRAPH ? graph : spaceTime,
            picture == Picture.GRAPH ? graph::svg : spaceTime::svg, picture.title));
    }

    public void saveTrace(Path file) {
        try {
            TraceFile.save(file, model.log().events());
            status.setText("saved " + model.log().events().size() + " events to " + file.getFileName());
        } catch (IOException e) {
            status.setText("could not save: " + e.getMessage());
        }
    }

    /** Replays a saved trace (paused at its start: press Resume or Step). */
    public void loadTrace(Path file) {
        try {
            watch(TraceReplay.source("trace " + file.getFileName(), TraceFile.load(file)));
        } catch (IOException e) {
            status.setText("could not load: " + e.getMessage());
        }
    }

    /**
     * Shows where a placement was committed: its two-phase-commit round ({@code epoch/proposalId}) selected in the
     * rounds table, and the moment {@code atMs} in the space-time diagram (which comes to the front). False when the
     * inspector no longer remembers (or never saw) that moment.
     */
    public boolean showCommit(long epoch, long proposalId, long atMs) {
        refreshTables(source.clock().getAsLong());
        tabs.rounds.refresh(model);
        spaceTime.refresh(model, source.clock().getAsLong());
        boolean round = tabs.rounds.select(epoch, proposalId);
        boolean moment = spaceTime.showMoment(atMs);
        if (moment) {
            show(spaceTime);
        }
        status.setText(round || moment ? "placement committed in round " + epoch + "/" + proposalId
            : "round " + epoch + "/" + proposalId + " is older than what this inspector remembers");
        return round || moment;
    }

    /** Takes the time controls away (pause, step, speed, lessons): something else drives this pane's clock. */
    public void hideTimeControls() {
        top.getChildren().remove(playbackBar);
    }

    /** Brings the tab showing {@code view} (one of this pane's views) to the front. */
    public void show(javafx.scene.Node view) {
        tabs.show(view);
    }

    public InspectorModel model() {
        return model;
    }

    public InspectorSource source() {
        return source;
    }

    public ClusterGraphView graph() {
        return graph;
    }

    public VectorClockView clocks() {
        return tabs.clocks;
    }

    public CommitRoundsView rounds() {
        return tabs.rounds;
    }

    public HeartbeatView heartbeats() {
        return tabs.heartbeats;
    }

    public SpaceTimeView spaceTime() {
        return spaceTime;
    }

    public EventLogView log() {
        return tabs.log;
    }

    public InvariantsView invariants() {
        return tabs.invariants();
    }

    public String status() {
        return status.getText();
    }
}
