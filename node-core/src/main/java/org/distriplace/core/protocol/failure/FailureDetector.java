package org.distriplace.core.protocol.failure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.distriplace.core.event.Liveness;

/**
 * Heartbeat failure detection. Every message from a peer counts as a sign of life; a peer silent for
 * {@code suspectAfterMs} is SUSPECTED, silent for {@code deadAfterMs} it is DEAD. A peer never heard from is DEAD.
 * Also says when this node's own heartbeat is due. Pure: time is passed in.
 */
public final class FailureDetector {

    /** A change of opinion about one peer. */
    public record Transition(int peer, Liveness from, Liveness to) {
    }

    private final long heartbeatMs;
    private final long suspectAfterMs;
    private final long deadAfterMs;
    private final Map<Integer, Long> lastHeard = new TreeMap<>();
    private final Map<Integer, Liveness> status = new TreeMap<>();
    private long nextHeartbeat = Long.MIN_VALUE;
    /**
     * No peer's status can change before this time, so a tick before it has nothing to re-evaluate: a node of a
     * thousand peers ticks a hundred times a second. Hearing from an ALIVE peer only moves its change later; hearing
     * from a SUSPECTED or DEAD one (or adding a member) gives it a change of its own, which may come sooner.
     */
    private long nextChangeAt = Long.MIN_VALUE;

    public FailureDetector(Collection<Integer> peers, long heartbeatMs, long suspectAfterMs, long deadAfterMs) {
        if (heartbeatMs <= 0 || suspectAfterMs <= 0 || deadAfterMs < suspectAfterMs) {
            throw new IllegalArgumentException("need 0 < heartbeat, 0 < suspect-after <= dead-after");
        }
        this.heartbeatMs = heartbeatMs;
        this.suspectAfterMs = suspectAfterMs;
        this.deadAfterMs = deadAfterMs;
        for (int peer : peers) {
            status.put(peer, Liveness.DEAD);
        }
    }

    /** The membership a node restored: new peers start DEAD until heard from, departed ones are forgotten. */
    public void usePeers(Collection<Integer> peers) {
        status.keySet().retainAll(peers);
        lastHeard.keySet().retainAll(peers);
        for (int peer : peers) {
            status.putIfAbsent(peer, Liveness.DEAD);
        }
    }

    /**
     * The membership changed by agreement at {@code now}: a member added by it counts as heard from now (it asked to
     * join moments ago), so the cluster does not refuse writes for want of a majority until its first heartbeat.
     */
    public void usePeersAddedAt(Collection<Integer> peers, long now) {
        List<Integer> added = peers.stream().filter(peer -> !status.containsKey(peer)).toList();
        usePeers(peers);
        added.forEach(peer -> {
            lastHeard.put(peer, now);
            status.put(peer, Liveness.ALIVE);
        });
        nextChangeAt = Math.min(nextChangeAt, now + suspectAfterMs);
    }

    /** Records a sign of life; returns the transition if the peer was not ALIVE. */
    public Optional<Transition> heard(int peer, long now) {
        Liveness before = status.get(peer);
        if (before == null) {
            return Optional.empty();
        }
        lastHeard.put(peer, now);
        status.put(peer, Liveness.ALIVE);
        if (before != Liveness.ALIVE) {
            nextChangeAt = Math.min(nextChangeAt, now + suspectAfterMs);
        }
        return before == Liveness.ALIVE ? Optional.empty() : Optional.of(new Transition(peer, before, Liveness.ALIVE));
    }

    /** Re-evaluates every peer at {@code now}; returns what changed. */
    public List<Transition> tick(long now) {
        if (now < nextChangeAt) {
            return List.of();
        }
        List<Transition> changes = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (Map.Entry<Integer, Liveness> entry : status.entrySet()) {
            Long heard = lastHeard.get(entry.getKey());
            Liveness liveness = heard == null ? Liveness.DEAD : classify(now - heard);
            if (liveness != entry.getValue()) {
                changes.add(new Transition(entry.getKey(), entry.getValue(), liveness));
                entry.setValue(liveness);
            }
            if (liveness != Liveness.DEAD) {
                next = Math.min(next, heard + (liveness == Liveness.ALIVE ? suspectAfterMs : deadAfterMs));
            }
        }
        nextChangeAt = next;
        return changes;
    }

    private Liveness classify(long silentMs) {
        if (silentMs >= deadAfterMs) {
            return Liveness.DEAD;
        }
        return silentMs >= suspectAfterMs ? Liveness.SUSPECTED : Liveness.ALIVE;
    }

    /** True (once per interval) when this node should send its heartbeat. */
    public boolean heartbeatDue(long now) {
        if (now < nextHeartbeat) {
            return false;
        }
        nextHeartbeat = now + heartbeatMs;
        return true;
    }

    public Liveness status(int peer) {
        return status.getOrDefault(peer, Liveness.DEAD);
    }

    public boolean isDead(int peer) {
        return status(peer) == Liveness.DEAD;
    }

    /** Peers not considered DEAD (ALIVE or only SUSPECTED). */
    public List<Integer> reachablePeers() {
        List<Integer> reachable = new ArrayList<>();
        status.forEach((peer, liveness) -> {
            if (liveness != Liveness.DEAD) {
                reachable.add(peer);
            }
        });
        return reachable;
    }

    /** When the peer was last heard from, or empty if never. */
    public Optional<Long> lastHeard(int peer) {
        return Optional.ofNullable(lastHeard.get(peer));
    }

    public Map<Integer, Liveness> statuses() {
        return Collections.unmodifiableMap(status);
    }
}
