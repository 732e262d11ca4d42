package org.distriplace.core.engine;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.model.Membership;

/**
 * What only a peer of the cluster offers beyond the {@link Engine}: its full report for inspectors, the teacher's
 * fault injection, and the operator's member removal. An edge has none of these, so the API serves
 * {@code /inspect} and {@code /api/v1/members/...} only where it was given them.
 */
public interface PeerControls {

    /** This node's id. */
    int id();

    /** This node's state, taken on its thread (for inspectors and the classroom). */
    CompletableFuture<NodeReport> report();

    void pause();

    void resume();

    boolean isPaused();

    /** Drops every message to and from {@code peers} (a partition). */
    void cutOff(Set<Integer> peers);

    /** Drops {@code dropPercent} of the messages to {@code peer} and delays the rest. */
    void degradeLink(int peer, int dropPercent, long delayMs);

    void healLinks();

    Set<Integer> cutOffPeers();

    Set<Integer> degradedPeers();

    /** Asks the cluster to remove member {@code target}; completes with the new membership. */
    CompletableFuture<Membership> removeMember(int target, long timeoutMs);
}
