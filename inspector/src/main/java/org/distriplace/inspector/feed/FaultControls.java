package org.distriplace.inspector.feed;

import java.util.List;
import java.util.Set;

/** What the inspector's "break things" panel can do to the cluster it watches. */
public interface FaultControls {

    /** How a directed link misbehaves: a percentage of messages lost, and extra delay on the rest. */
    record LinkFault(int dropPercent, long delayMs) {

        public static final LinkFault NONE = new LinkFault(0, 0);

        public LinkFault {
            if (dropPercent < 0 || dropPercent > 100 || delayMs < 0) {
                throw new IllegalArgumentException("drop is 0-100 %, delay at least 0 ms");
            }
        }
    }

    /** The nodes that can be controlled. */
    List<Integer> nodes();

    boolean isRunning(int node);

    /** Whether this panel can kill and restart {@code node} (a node on another machine, or the app's own, cannot). */
    default boolean canKill(int node) {
        return true;
    }

    /** Stops a node abruptly, as a failed machine would; what it committed survives. */
    void kill(int node);

    /** Starts a killed node again on its old data: it rejoins and catches up. */
    void restart(int node);

    /** Cuts the network into groups: nodes talk only within their own group. */
    void partition(List<Set<Integer>> groups);

    /** Ends any partition. */
    void heal();

    /** Sets how messages from {@code from} to {@code to} misbehave ({@link LinkFault#NONE} restores the link). */
    void setLink(int from, int to, LinkFault fault);

    LinkFault link(int from, int to);
}
