package org.distriplace.app.discovery;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which nearby cluster a node alone in its own should join, so players who start the app on one LAN end up on one
 * canvas without anyone typing an address. Only a node that is the sole member of its cluster ever moves (a cluster
 * of several is never broken up): it joins the largest nearby cluster of several nodes; if every node nearby is
 * alone too, the one with the greatest instance id stays and the others join it, so two lone nodes never join each
 * other at once. Pure: the caller supplies what discovery heard.
 */
public final class AutoJoin {

    private AutoJoin() {
    }

    /**
     * @param alone       whether this node is the only member of its cluster (and a member at all)
     * @param ownInstance this app's beacon instance
     * @param nearby      the nodes of the same cluster name and secret heard lately
     * @return the node to join through, if this node should join one
     */
    public static Optional<NearbyNodes.Nearby> choose(boolean alone, String ownInstance,
                                                      List<NearbyNodes.Nearby> nearby) {
        if (!alone) {
            return Optional.empty();
        }
        // Nodes still waiting to be admitted somewhere are not joined through: their cluster is not settled.
        List<NearbyNodes.Nearby> members = nearby.stream()
            .filter(node -> node.beacon().members().contains(node.beacon().nodeId()))
            .toList();
        Optional<NearbyNodes.Nearby> largest = members.stream()
            .filter(node -> node.beacon().members().size() > 1)
            .max(Comparator.comparingInt((NearbyNodes.Nearby node) -> node.beacon().members().size())
                .thenComparing(node -> node.beacon().instance()));
        if (largest.isPresent()) {
            return largest;
        }
        return members.stream()
            .filter(node -> node.beacon().instance().compareTo(ownInstance) > 0)
            .max(Comparator.comparing(node -> node.beacon().instance()));
    }
}
