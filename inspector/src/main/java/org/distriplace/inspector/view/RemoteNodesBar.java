package org.distriplace.inspector.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.distriplace.inspector.feed.RemoteNode;
import org.distriplace.inspector.feed.RemoteNodes;

/**
 * Watching nodes on other machines: the address of a node's HTTP server and the cluster secret, then one chip per
 * watched node saying whether it streams, retries or refused the secret, with the teacher's commands for it (pause,
 * resume, isolate, heal) and a button to stop watching it; and, for the watched nodes together, a partition into
 * groups and a degraded link.
 */
public final class RemoteNodesBar extends VBox {

    private final RemoteNodes remote;
    private final TextField address = new TextField();
    private final PasswordField secret = new PasswordField();
    private final Label error = new Label();
    private final TextField link = new TextField();
    private final TextField drop = new TextField();
    private final TextField delay = new TextField();
    private final FlowPane chips = new FlowPane(6, 4);
    private final Map<RemoteNode, Label> shown = new LinkedHashMap<>();

    public RemoteNodesBar(RemoteNodes remote) {
        super(4);
        this.remote = remote;
        getStyleClass().add("remote-bar");
        setPadding(new Insets(4, 8, 4, 8));
        address.setId("remote-address");
        address.setPromptText("host:port of a node");
        address.setPrefColumnCount(16);
        secret.setId("remote-secret");
        secret.setPromptText("cluster secret");
        secret.setText(remote.usualSecret());
        secret.setPrefColumnCount(10);
        Button watch = new Button("Watch");
        watch.setId("remote-watch");
        watch.setOnAction(e -> watch());
        secret.setOnAction(e -> watch());
        error.setId("remote-error");
        error.getStyleClass().add("remote-error");
        TextField groups = new TextField();
        groups.setId("remote-partition");
        groups.setPromptText("1,2 | 3,4,5");
        groups.setPrefColumnCount(9);
        Button split = new Button("Partition");
        split.setId("remote-partition-apply");
        split.setOnAction(e -> {
            try {
                partition(groups.getText());
            } catch (NumberFormatException bad) {
                error.setText("groups of node ids: 1,2 | 3,4,5");
            }
        });
        link.setId("remote-link");
        link.setPromptText("1->3");
        link.setPrefColumnCount(5);
        drop.setId("remote-drop");
        drop.setText("30");
        drop.setPrefColumnCount(3);
        delay.setId("remote-delay");
        delay.setText("200");
        delay.setPrefColumnCount(4);
        Button degrade = new Button("Degrade");
        degrade.setId("remote-degrade");
        degrade.setTooltip(new Tooltip("Make the link between two watched nodes lossy and slow, both ways (Heal "
            + "undoes it)"));
        degrade.setOnAction(e -> {
            try {
                degrade(link.getText(), Integer.parseInt(drop.getText().strip()),
                    Integer.parseInt(delay.getText().strip()));
            } catch (NumberFormatException bad) {
                error.setText("a link is two node ids (1->3), with whole numbers for % lost and ms late");
            }
        });
        HBox form = new HBox(6, new Label("Watch a remote node:"), address, secret, watch, error);
        form.setAlignment(Pos.CENTER_LEFT);
        HBox classroom = new HBox(6, new Label("Partition:"), groups, split, new Label("Degrade link:"), link, drop,
            new Label("% lost,"), delay, new Label("ms late"), degrade);
        classroom.setAlignment(Pos.CENTER_LEFT);
        chips.setId("remote-nodes");
        getChildren().addAll(form, classroom, chips);
        refresh();
    }

    /** A button sending one command to {@code node}; its answer shows in the error line. */
    private Button command(RemoteNode node, String text, String action, Supplier<List<Integer>> peers) {
        Button button = new Button(text);
        button.setId("remote-" + action + "-" + node.address().replaceAll("[^A-Za-z0-9]", "-"));
        button.setOnAction(e -> told(node, node.control(action, peers.get(), 0, 0, 0)));
        return button;
    }

    /** Shows a refused or failed command's reason in the error line (a command done clears it). */
    private void told(RemoteNode node, CompletableFuture<JsonNode> answer) {
        answer.whenComplete((done, failure) -> Platform.runLater(() -> error.setText(failure != null
            ? node.address() + ": " + failure.getMessage()
            : done.path("ok").asBoolean() ? "" : node.address() + ": " + done.path("reason").asText())));
    }

    /** The other watched nodes' ids: isolating a node cuts it off from every one of them. */
    private List<Integer> others(RemoteNode node) {
        return remote.watched().stream().filter(other -> other != node).map(other -> other.status().nodeId())
            .filter(id -> id > 0).toList();
    }

    /** Partitions the watched nodes into groups ({@code 1,2 | 3,4,5}): each is cut off from the others' groups. */
    void partition(String groups) {
        List<List<Integer>> parts = new ArrayList<>();
        for (String group : groups.split("\\|")) {
            List<Integer> ids = new ArrayList<>();
            for (String id : group.split(",")) {
                if (!id.isBlank()) {
                    ids.add(Integer.parseInt(id.strip().replaceFirst("^n", "")));
                }
            }
            parts.add(ids);
        }
        for (RemoteNode node : remote.watched()) {
            int id = node.status().nodeId();
            List<Integer> away = parts.stream().filter(part -> !part.contains(id)).flatMap(List::stream).toList();
            told(node, node.control("cut", away, 0, 0, 0));
        }
    }

    /**
     * Degrades the link {@code from->to} ({@code 1->3}): the watched node {@code from} loses {@code dropPercent} % of
     * what it exchanges with {@code to} and delays the rest by {@code delayMs}.
     */
    void degrade(String fromTo, int dropPercent, int delayMs) {
        String[] ends = fromTo.strip().replaceAll("n(?=\\d)", "").split("\\s*-+>?\\s*");
        if (ends.length != 2) {
            throw new NumberFormatException(fromTo);
        }
        int from = Integer.parseInt(ends[0].strip());
        int to = Integer.parseInt(ends[1].strip());
        RemoteNode node = remote.watched().stream().filter(watched -> watched.status().nodeId() == from).findFirst()
            .orElse(null);
        if (node == null) {
            error.setText("n" + from + " is not watched: watch it first");
            return;
        }
        told(node, node.control("link", List.of(), to, dropPercent, delayMs));
    }

    private void watch() {
        try {
            remote.watch(address.getText(), secret.getText());
            error.setText("");
            address.clear();
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
        }
        refresh();
    }

    /** Brings the chips up to date with the connections (called a few times a second). */
    public void refresh() {
        List<RemoteNode> watched = remote.watched();
        if (!List.copyOf(shown.keySet()).equals(watched)) {
            shown.clear();
            chips.getChildren().clear();
            watched.forEach(this::addChip);
        }
        shown.forEach((node, label) -> {
            RemoteNode.Status status = node.status();
            label.setText(node.address() + " · " + status.describe());
            label.getStyleClass().removeIf(style -> style.startsWith("remote-state-"));
            label.getStyleClass().add("remote-state-" + status.state().name().toLowerCase(Locale.ROOT));
        });
        chips.setVisible(!watched.isEmpty());
        chips.setManaged(!watched.isEmpty());
    }

    private void addChip(RemoteNode node) {
        Label label = new Label();
        label.getStyleClass().add("remote-chip");
        Button stop = new Button("×");
        stop.setId("remote-stop-" + node.address().replaceAll("[^A-Za-z0-9]", "-"));
        stop.setTooltip(new Tooltip("Stop watching this node"));
        stop.setOnAction(e -> {
            remote.stop(node);
            refresh();
        });
        // The teacher's controls: the node's own (authenticated) inspect channel carries them.
        Button pause = command(node, "Pause", "pause", () -> List.of());
        Button resume = command(node, "Resume", "resume", () -> List.of());
        Button isolate = command(node, "Isolate", "cut", () -> others(node));
        Button heal = command(node, "Heal", "heal", () -> List.of());
        HBox chip = new HBox(2, label, pause, resume, isolate, heal, stop);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.setId("remote-" + node.address().replaceAll("[^A-Za-z0-9]", "-"));
        shown.put(node, label);
        chips.getChildren().add(chip);
    }
}
