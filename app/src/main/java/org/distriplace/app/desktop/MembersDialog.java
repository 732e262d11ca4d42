package org.distriplace.app.desktop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.runtime.Node;

/**
 * The cluster's members as this app's node sees them (address, alive or not, the leader), and the removal of one
 * that will not come back: a player whose machine died without quitting. Players who quit leave by themselves.
 */
public final class MembersDialog extends Dialog<Void> {

    private static final long REMOVE_TIMEOUT_MS = 15_000;

    private final Node node;
    private final ListView<String> list = new ListView<>();
    private final List<Integer> ids = new ArrayList<>();
    private final Label status = new Label();

    public MembersDialog(Node node) {
        this.node = node;
        setTitle("Members");
        setHeaderText("The cluster's members, as node " + node.id() + " sees them. Remove only a member that will "
            + "not come back: one whose player quit has left already.");
        list.setId("members-list");
        list.setPrefSize(560, 220);
        Button remove = new Button("Remove from the cluster");
        remove.setId("members-remove");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> removeSelected());
        status.setId("members-status");
        status.setWrapText(true);
        getDialogPane().setContent(new VBox(6, list, new HBox(8, remove), status));
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        refresh();
    }

    /** Reads the node's report (off the FX thread) and lists its members. */
    private void refresh() {
        node.report().whenComplete((report, failure) -> FxThread.run(() -> {
            if (failure != null) {
                status.setText("The node did not answer: " + failure.getMessage());
            } else {
                show(report);
            }
        }));
    }

    private void show(NodeReport report) {
        list.getItems().clear();
        ids.clear();
        report.membership().peers().forEach((id, address) -> {
            ids.add(id);
            list.getItems().add(line(report, id, address));
        });
    }

    static String line(NodeReport report, int id, String address) {
        NodeReport.PeerView peer = report.peers().get(id);
        String liveness = id == report.nodeId() ? "this node"
            : peer != null ? peer.liveness().name().toLowerCase(java.util.Locale.ROOT) : "unknown";
        return "node " + id + (address.isEmpty() ? "" : " at " + address) + "   " + liveness
            + (id == report.leaderId() ? "   (leader)" : "");
    }

    private void removeSelected() {
        int index = list.getSelectionModel().getSelectedIndex();
        if (index < 0) {
            return;
        }
        int target = ids.get(index);
        status.setText("Removing node " + target + "…");
        node.removeMember(target, REMOVE_TIMEOUT_MS).whenComplete((config, failure) -> FxThread.run(() -> {
            if (failure == null) {
                status.setText("Node " + target + " removed: the members are now " + config.members() + ".");
            } else {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                status.setText("Node " + target + " was not removed: " + cause.getMessage());
            }
            refresh();
        }));
    }
}
