package org.distriplace.inspector.feed;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.model.Membership;

/**
 * What the inspector's "break things" panel can do to the cluster it watches. Links misbehave as
 * {@link LinkConditions} say, the model the simulator and real nodes share.
 */
public interface FaultControls {

    /** The nodes that can be controlled. */
    List<Integer> nodes();

    boolean isRunning(int node);

    /** Whether this panel can kill and restart {@code node} (a node on another machine, or the app's own, cannot). */
    default boolean canKill(int node) {
        return true;
    }

    /** Whether this panel can ask for {@code node}'s removal from the configuration (through another member). */
    default boolean canRemove(int node) {
        return false;
    }

    /**
     * Removes {@code node} from the cluster's configuration, as an operator removes a member that will not come back;
     * completes with a sentence saying how it went (committed, or why not).
     */
    default CompletableFuture<String> remove(int node) {
        return CompletableFuture.completedFuture("members cannot be removed from here");
    }

    /** How a removal went, in a sentence for the panel. */
    static CompletableFuture<String> told(int node, CompletableFuture<Membership> removal) {
        return removal.handle((config, failure) -> {
            if (failure == null) {
                return "n" + node + " removed: configuration " + config.version() + " is " + config.members();
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            return "n" + node + " not removed: " + cause.getMessage();
        });
    }

    /** Stops a node abruptly, as a failed machine would; what it committed survives. */
    void kill(int node);

    /** Starts a killed node again on its old data: it rejoins and catches up. */
    void restart(int node);

    /** Cuts the network into groups: nodes talk only within their own group. */
    void partition(List<Set<Integer>> groups);

    /** Ends any partition. */
    void heal();

    /**
     * Sets how messages from {@code from} to {@code to} misbehave, over and above the link's own behaviour
     * ({@link LinkConditions#NONE} restores the link).
     */
    void setLink(int from, int to, LinkConditions fault);

    /** The fault set on a link; {@link LinkConditions#NONE} when none. */
    LinkConditions link(int from, int to);
}
