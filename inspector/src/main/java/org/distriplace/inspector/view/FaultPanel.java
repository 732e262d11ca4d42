package org.distriplace.inspector.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.inspector.feed.FaultControls;

/**
 * Breaking things on purpose: kill or restart each node; put nodes into groups A/B/C and partition; make one link
 * (or every link) lose a percentage of its messages and add delay; and remove a member for good, as an operator does.
 */
public final class FaultPanel extends VBox {

    private static final String ALL = "all";

    private final FaultControls controls;
    private final Map<Integer, Button> toggles = new LinkedHashMap<>();
    private final Map<Integer, ChoiceBox<String>> groups = new LinkedHashMap<>();
    private final ChoiceBox<String> from = new ChoiceBox<>();
    private final ChoiceBox<String> to = new ChoiceBox<>();
    private final Spinner<Integer> drop = new Spinner<>(0, 100, 0, 5);
    private final Spinner<Integer> delay = new Spinner<>(0, 5_000, 0, 50);
    private final ChoiceBox<String> member = new ChoiceBox<>();
    private final Label membership = new Label();

    public FaultPanel(FaultControls controls) {
        super(6);
        this.controls = controls;
        getStyleClass().add("fault-panel");
        setPadding(new Insets(6, 8, 6, 8));
        FlowPane nodes = new FlowPane(6, 4);
        FlowPane partition = new FlowPane(6, 4);
        from.getItems().add(ALL);
        to.getItems().add(ALL);
        for (int id : controls.nodes()) {
            Button toggle = new Button();
            toggle.setId("toggle-" + id);
            toggle.setOnAction(e -> toggle(id));
            toggles.put(id, toggle);
            nodes.getChildren().add(toggle);
            ChoiceBox<String> group = new ChoiceBox<>();
            group.getItems().addAll("A", "B", "C");
            group.setValue("A");
            group.setId("group-" + id);
            groups.put(id, group);
            partition.getChildren().add(new HBox(2, new Label("n" + id), group));
            from.getItems().add("n" + id);
            to.getItems().add("n" + id);
        }
        from.setValue(ALL);
        to.setValue(ALL);
        Button split = new Button("Partition");
        split.setId("partition");
        split.setOnAction(e -> partition());
        Button heal = new Button("Heal");
        heal.setId("heal");
        heal.setOnAction(e -> controls.heal());
        partition.getChildren().addAll(split, heal);
        drop.setPrefWidth(80);
        drop.setId("drop");
        delay.setPrefWidth(90);
        delay.setEditable(true);
        drop.setEditable(true);
        Button apply = new Button("Apply");
        apply.setId("apply-link");
        apply.setOnAction(e -> applyLink());
        // The row wraps where the panel is narrow: its labels are never cut to "l…" or "drop…".
        FlowPane link = new FlowPane(4, 4, whole(new Label("link")), from, whole(new Label("→")), to,
            whole(new Label("drop %")), drop, whole(new Label("delay ms")), delay, whole(apply));
        link.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title("Nodes"), nodes, title("Partition (nodes talk only within their group)"),
            partition, title("Links"), link, title("Membership (remove a member that will not come back)"),
            removal());
        refresh();
    }

    private HBox removal() {
        controls.nodes().forEach(id -> member.getItems().add("n" + id));
        member.setId("remove-node");
        Button remove = new Button("Remove from the cluster");
        remove.setId("remove-member");
        remove.disableProperty().bind(member.valueProperty().isNull());
        remove.setOnAction(e -> remove(Integer.parseInt(member.getValue().substring(1))));
        membership.setId("membership-status");
        HBox row = new HBox(4, member, remove, membership);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void remove(int id) {
        if (!controls.canRemove(id)) {
            membership.setText("n" + id + " cannot be removed from here (a node does not remove itself: quit it)");
            return;
        }
        membership.setText("removing n" + id + "…");
        controls.remove(id).whenComplete((said, failure) -> Platform.runLater(() ->
            membership.setText(failure == null ? said : "n" + id + " not removed: " + failure.getMessage())));
    }

    /** A control never narrower than its text. */
    private static <T extends Control> T whole(T control) {
        control.setMinWidth(Region.USE_PREF_SIZE);
        return control;
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("fault-title");
        // A narrow panel (two runs side by side) wraps a heading rather than cutting it short.
        label.setWrapText(true);
        return label;
    }

    private void toggle(int id) {
        if (controls.isRunning(id)) {
            controls.kill(id);
        } else {
            controls.restart(id);
        }
        refresh();
    }

    private void partition() {
        Map<String, Set<Integer>> byGroup = new LinkedHashMap<>();
        groups.forEach((id, box) -> byGroup.computeIfAbsent(box.getValue(), g -> new TreeSet<>()).add(id));
        controls.partition(new ArrayList<>(byGroup.values()));
    }

    private void applyLink() {
        LinkConditions fault = LinkConditions.lossAndDelay(drop.getValue(), delay.getValue());
        for (int a : chosen(from.getValue())) {
            for (int b : chosen(to.getValue())) {
                if (a != b) {
                    controls.setLink(a, b, fault);
                }
            }
        }
    }

    private List<Integer> chosen(String value) {
        return ALL.equals(value) ? controls.nodes() : List.of(Integer.parseInt(value.substring(1)));
    }

    /** Brings the kill/restart buttons up to date. */
    public void refresh() {
        toggles.forEach((id, button) -> {
            button.setText((controls.isRunning(id) ? "Kill n" : "Restart n") + id);
            button.setDisable(!controls.canKill(id));
        });
    }
}
