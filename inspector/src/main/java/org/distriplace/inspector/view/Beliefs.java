package org.distriplace.inspector.view;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.distriplace.core.event.Liveness;
import org.distriplace.inspector.model.ClusterState;

/**
 * What the cluster graph says under a node about what its peers believe of it, and the caption of a partition.
 * A node that still runs but that peers declared dead is "unreachable from" them, not DEAD: a partition looks like a
 * crash to each side, and a class should see that both sides are alive.
 */
final class Beliefs {

    /** The line under a node and the style classes it brings (suspected, unreachable, dead). */
    record Belief(String text, List<String> styles) {
    }

    private Beliefs() {
    }

    static Belief of(ClusterState cluster, int id) {
        ClusterState.NodeState node = cluster.node(id);
        List<Integer> declared = cluster.declaredDeadBy(id);
        if (node.running() && !declared.isEmpty()) {
            return new Belief("unreachable from " + names(declared), List.of("unreachable"));
        }
        Liveness worst = cluster.liveness(id);
        if (worst == Liveness.DEAD) {
            return new Belief("declared dead", List.of("dead"));
        }
        if (worst == Liveness.SUSPECTED) {
            return new Belief("suspected by " + names(cluster.doubtedBy(id)), List.of("suspected"));
        }
        return new Belief("", List.of());
    }

    /** "Partition · n1, n2: 2 of 5, no majority, cannot commit · n3–n5: 3 of 5, majority, commits". */
    static String partitionCaption(List<ClusterState.Side> sides, int nodes) {
        return "Partition · " + sides.stream().map(side -> names(side.nodes()) + ": " + side.nodes().size() + " of "
            + nodes + (side.majority() ? ", a majority: commits" : ", no majority: cannot commit"))
            .collect(Collectors.joining(" · "));
    }

    /** Node names, runs of consecutive ids shortened: "n1, n2", "n5–n9". */
    static String names(List<Integer> ids) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        List<Integer> sorted = ids.stream().sorted().toList();
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (j - i >= 2) {
                parts.add("n" + sorted.get(i) + "–n" + sorted.get(j));
            } else {
                for (int k = i; k <= j; k++) {
                    parts.add("n" + sorted.get(k));
                }
            }
            i = j + 1;
        }
        return String.join(", ", parts);
    }
}
