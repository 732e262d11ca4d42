package org.distriplace.core.model;

/**
 * A write's identity: the node that ordered it and that node's counter. Committed dots of one node form a gapless
 * sequence, which is what lets a vector clock name exactly the set of writes a replica holds.
 */
public record Dot(int node, long counter) implements Comparable<Dot> {

    @Override
    public int compareTo(Dot other) {
        int byNode = Integer.compare(node, other.node);
        return byNode != 0 ? byNode : Long.compare(counter, other.counter);
    }

    @Override
    public String toString() {
        return node + ":" + counter;
    }
}
