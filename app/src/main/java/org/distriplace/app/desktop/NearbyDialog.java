package org.distriplace.app.desktop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;
import org.distriplace.app.discovery.NearbyNodes;
import org.distriplace.core.net.PeerAddress;

/**
 * The nodes of this cluster found on the LAN (same cluster name, beacons the same secret verifies), with the
 * option to make them this node's peers. The result is the new peers list, or empty.
 */
public final class NearbyDialog extends Dialog<String> {

    public static final ButtonType USE = new ButtonType("Use them as my peers", ButtonBar.ButtonData.OK_DONE);

    public NearbyDialog(String clusterName, List<NearbyNodes.Nearby> nearby, String currentPeers) {
        setTitle("Nearby nodes");
        setHeaderText(nearby.isEmpty()
            ? "No other node of cluster \"" + clusterName + "\" heard on this network yet."
            : nearby.size() + " node(s) of cluster \"" + clusterName + "\" on this network. Making them your peers "
                + "takes effect the next time distri-place starts.");
        ListView<String> list = new ListView<>();
        list.setId("nearby-list");
        nearby.forEach(node -> list.getItems().add("Node " + node.beacon().nodeId() + " at " + node.host()
            + "   peers port " + node.beacon().peerPort() + "   browsers " + node.browserUrl()
            + "   members " + node.beacon().members()
            + (node.sameIdAsMine() ? "   (has your node id: one of you must pick another in Preferences)" : "")));
        list.setPrefSize(640, 220);
        getDialogPane().setContent(list);
        getDialogPane().getButtonTypes().addAll(USE, ButtonType.CLOSE);
        getDialogPane().lookupButton(USE).setDisable(nearby.stream().allMatch(NearbyNodes.Nearby::sameIdAsMine));
        setResultConverter(button -> button == USE ? mergedPeers(currentPeers, nearby) : null);
    }

    /**
     * The current peers plus the nearby ones, by id (a nearby node's address replaces an older one); a node with
     * this node's own id cannot be a peer and is left out.
     */
    static String mergedPeers(String currentPeers, List<NearbyNodes.Nearby> nearby) {
        Map<Integer, String> byId = new LinkedHashMap<>();
        PeerAddress.parseList(currentPeers).forEach(peer -> byId.put(peer.id(),
            peer.id() + "@" + peer.host() + ":" + peer.port()));
        nearby.stream().filter(node -> !node.sameIdAsMine())
            .forEach(node -> byId.put(node.beacon().nodeId(), node.peerEntry()));
        return String.join(",", byId.values());
    }
}
