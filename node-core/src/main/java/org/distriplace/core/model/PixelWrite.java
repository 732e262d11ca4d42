package org.distriplace.core.model;

import java.util.Objects;
import org.distriplace.core.clock.VectorClock;

/**
 * One ordered pixel write, as it is proposed, committed, logged and synchronised.
 *
 * @param x           column
 * @param y           row
 * @param color       the colour written; always in the cluster's palette
 * @param user        who placed it (the cooldown identity)
 * @param origin      the node the client placed it through, which completes the client's request on commit
 * @param requestId   the origin's id for the request, unique per origin
 * @param timestamp   hybrid logical clock time assigned where writes are ordered (the leader)
 * @param nodeId      the node that ordered (stamped) the write; with {@code timestamp}, its last-write-wins stamp
 * @param vectorClock the ordering node's version when it stamped the write, its own entry being this write's
 *                    counter; so {@code (nodeId, vectorClock[nodeId])} is the write's {@link Dot}
 * @param epoch       the epoch in which its leader first proposed it (provenance: it travels with the write, so every
 *                    replica's history tells the same story; 0 where unknown)
 * @param batch       the proposal id of the batch it was first proposed in, within {@code epoch} (0 where unknown)
 */
public record PixelWrite(int x, int y, Color color, String user, int origin, long requestId,
                         long timestamp, int nodeId, VectorClock vectorClock, long epoch, long batch) {

    public PixelWrite {
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(vectorClock, "vectorClock");
        if (vectorClock.get(nodeId) < 1) {
            throw new IllegalArgumentException("a write's vector clock must count the write at its node " + nodeId);
        }
    }

    /** A write whose provenance is not known (written before writes carried it; tests). */
    public PixelWrite(int x, int y, Color color, String user, int origin, long requestId, long timestamp, int nodeId,
                      VectorClock vectorClock) {
        this(x, y, color, user, origin, requestId, timestamp, nodeId, vectorClock, 0, 0);
    }

    public Stamp stamp() {
        return new Stamp(timestamp, nodeId);
    }

    public Dot dot() {
        return new Dot(nodeId, vectorClock.get(nodeId));
    }

    @Override
    public String toString() {
        return "(" + x + "," + y + ")=" + color + " by " + user + " dot " + dot() + " at " + stamp();
    }
}
