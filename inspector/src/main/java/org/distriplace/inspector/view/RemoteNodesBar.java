package org.distriplace.inspector.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.distriplace.inspector.feed.RemoteNode;
import org.distriplace.inspector.feed.RemoteNodes;

/**
 * Watching nodes on other machines: the address of a node's HTTP server and the cluster secret, then one chip per
 * watched node saying whether it streams, retries or refused the secret, with a button to stop watching it.
 */
public final class RemoteNodesBar extends VBox {

    private final RemoteNodes remote;
    private final TextField address = new TextField();
    private final PasswordField secret = new PasswordField();
    private final Label error = new Label();
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
        HBox form = new HBox(6, new Label("Watch a remote node:"), address, secret, watch, error);
        form.setAlignment(Pos.CENTER_LEFT);
        chips.setId("remote-nodes");
        getChildren().addAll(form, chips);
        refresh();
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
        stop.setOnAction(e -> {
            remote.stop(node);
            refresh();
        });
        HBox chip = new HBox(2, label, stop);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.setId("remote-" + node.address().replaceAll("[^A-Za-z0-9]", "-"));
        shown.put(node, label);
        chips.getChildren().add(chip);
    }
}
