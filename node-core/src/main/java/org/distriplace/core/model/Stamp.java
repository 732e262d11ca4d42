package org.distriplace.core.model;

import org.distriplace.core.clock.Hlc;

/**
 * The last-write-wins order of pixel writes: hybrid logical clock time first, then the stamping node's id as the
 * tie-breaker. {@link #NONE} sorts before every real stamp (a pixel nobody wrote).
 */
public record Stamp(long hlc, int node) implements Comparable<Stamp> {

    public static final Stamp NONE = new Stamp(0, 0);

    @Override
    public int compareTo(Stamp other) {
        int byTime = Long.compare(hlc, other.hlc);
        return byTime != 0 ? byTime : Integer.compare(node, other.node);
    }

    public boolean isAfter(Stamp other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return Hlc.format(hlc) + "@" + node;
    }
}
