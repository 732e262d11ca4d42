package org.distriplace.inspector.view;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.distriplace.core.sim.Invariant;
import org.distriplace.core.sim.Violation;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.LiveInvariants;

/**
 * The simulator's invariants, live: green while one holds, red with what broke it. Those events can show are
 * checked here on any cluster; in the simulated demo the simulator's own checker watches every one. Below them,
 * why a minority cannot commit, when one cannot.
 */
public final class InvariantsView extends ScrollPane {

    private final VBox rows = new VBox(6);
    private final Supplier<Optional<Violation>> simulator;

    /** @param simulator the simulated demo's checker, or null for a real cluster or a trace */
    public InvariantsView(Supplier<Optional<Violation>> simulator) {
        this.simulator = simulator;
        rows.setPadding(new Insets(8));
        rows.setId("invariants");
        setContent(rows);
        setFitToWidth(true);
    }

    public void refresh(InspectorModel model) {
        rows.getChildren().clear();
        // Majorities first: it is what a partition changes, and what a lesson sends the class here to read.
        rows.getChildren().add(heading("Majorities"));
        List<String> minority = model.cluster().withoutMajority();
        if (minority.isEmpty()) {
            rows.getChildren().add(line("Every running node reaches a majority: writes can commit.", "invariant-ok"));
        } else {
            minority.forEach(text -> rows.getChildren().add(line(text, "invariant-minority")));
        }
        rows.getChildren().add(heading("Invariants"));
        Optional<Violation> found = simulator == null ? Optional.empty() : simulator.get();
        for (Invariant invariant : Invariant.values()) {
            String why = model.invariants().violation(invariant);
            if (why == null && found.isPresent() && found.get().invariant() == invariant) {
                why = found.get().detail();
            }
            rows.getChildren().add(row(invariant, why));
        }
    }

    private static Label heading(String text) {
        Label heading = new Label(text);
        heading.getStyleClass().add("invariant-heading");
        return heading;
    }

    private Label row(Invariant invariant, String why) {
        boolean live = LiveInvariants.CHECKED.contains(invariant);
        String state;
        String style;
        if (why != null) {
            state = "✗ broken: " + why;
            style = "invariant-broken";
        } else if (live) {
            state = "✓ holds (checked on every event)";
            style = "invariant-ok";
        } else if (simulator != null) {
            state = invariant == Invariant.CONVERGENCE || invariant == Invariant.AVAILABLE
                || invariant == Invariant.HISTORIES ? "✓ holds so far (the simulator checks it once the network heals)"
                : "✓ holds (the simulator checks it on every event)";
            style = "invariant-ok";
        } else {
            state = "… needs the whole cluster's state: watch it in the simulated demo";
            style = "invariant-unknown";
        }
        Label row = line(invariant.number() + ". " + invariant.description() + " — " + state, style);
        row.setId("invariant-" + invariant.number());
        return row;
    }

    private static Label line(String text, String style) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().addAll("invariant", style);
        return label;
    }
}
