package org.distriplace.inspector.view;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.distriplace.inspector.model.InspectorModel;

/**
 * The inspector's tabbed views: vector clocks, 2PC rounds, heartbeats, the space-time diagram, the event log, the
 * invariants, a pixel's journey and the shards. Only the tab on screen is brought up to date: hidden tables would still cost
 * layout whenever their rows change.
 */
final class InspectorTabs extends TabPane {

    final VectorClockView clocks = new VectorClockView();
    final CommitRoundsView rounds = new CommitRoundsView();
    final HeartbeatView heartbeats = new HeartbeatView();
    final SpaceTimeView spaceTime = new SpaceTimeView();
    final EventLogView log = new EventLogView();
    final ShardMapView shards = new ShardMapView();
    private final Tab invariantsTab = tab("Invariants", null);
    private InvariantsView invariants;

    /** @param journey the Follow-a-pixel view (it calls back into the pane that owns the graph too) */
    InspectorTabs(PixelJourneyView journey) {
        getTabs().addAll(tab("Vector clocks", clocks), tab("2PC rounds", rounds), tab("Heartbeats", heartbeats),
            tab("Space-time", spaceTime), tab("Event log", log), invariantsTab, tab("Follow a pixel", journey),
            tab("Shards", shards));
        setId("inspector-tabs");
        getStyleClass().add("inspector-views");
    }

    private static Tab tab(String name, Node content) {
        Tab tab = new Tab(name, content);
        tab.setClosable(false);
        tab.setId("tab-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'));
        return tab;
    }

    /** The invariants view for the source watched (it differs between a simulation and a real cluster). */
    void setInvariants(InvariantsView view) {
        invariants = view;
        invariantsTab.setContent(view);
    }

    InvariantsView invariants() {
        return invariants;
    }

    /** Brings the tab showing {@code view} forward. */
    void show(Node view) {
        getTabs().stream().filter(tab -> tab.getContent() == view).findFirst()
            .ifPresent(tab -> getSelectionModel().select(tab));
    }

    Node shown() {
        Tab selected = getSelectionModel().getSelectedItem();
        return selected == null ? null : selected.getContent();
    }

    /** Brings the tab on screen up to date with {@code model} at cluster time {@code now}. */
    void refresh(InspectorModel model, long now) {
        Node shown = shown();
        if (shown == clocks) {
            clocks.refresh(model, now);
        } else if (shown == rounds) {
            rounds.refresh(model);
        } else if (shown == heartbeats) {
            heartbeats.refresh(model, now);
        } else if (shown == spaceTime) {
            spaceTime.refresh(model, now);
        } else if (shown == log) {
            log.refresh(model);
        } else if (shown == invariants) {
            invariants.refresh(model);
        } else if (shown == shards) {
            shards.refresh(model, now);
        }
    }

    /** Between table refreshes: the space-time diagram scrolls with time, so it is redrawn every frame. */
    void refreshMoving(InspectorModel model, long now) {
        if (shown() == spaceTime) {
            spaceTime.refresh(model, now);
        }
    }

    /**
     * The tables' and the space-time diagram's type size (presentation mode's is larger): the tables' columns and
     * the diagram's node names, ruler and hover label follow it.
     */
    void setFontSize(double pixels) {
        clocks.fontSizeProperty().set(pixels);
        rounds.fontSizeProperty().set(pixels);
        spaceTime.fontSizeProperty().set(pixels);
        shards.fontSizeProperty().set(pixels);
    }
}
