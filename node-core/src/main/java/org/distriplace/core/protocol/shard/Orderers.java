package org.distriplace.core.protocol.shard;

/**
 * Who ordered a write or an account entry: the node that led its group, and the group (ADR 0017). A dot's node is
 * this <em>orderer</em>, {@code group × 2^20 + node}, so the dots a node issues while leading several shards never
 * collide, and everything keyed by dot (the history, the vector clocks, the inspector's journeys) stays correct
 * without knowing of shards. In group 0 the orderer is the node itself: a one-shard cluster's dots are as before.
 */
public final class Orderers {

    /** Node ids of a sharded cluster are below this. */
    public static final int STRIDE = 1 << 20;
    /** Groups are below this (shards, and the cluster group 0), so that every orderer is a positive int. */
    public static final int MAX_GROUPS = Integer.MAX_VALUE / STRIDE;

    private Orderers() {
    }

    /** The orderer of {@code node} leading {@code group}. */
    public static int of(int group, int node) {
        if (group == 0) {
            return node;
        }
        if (group < 0 || group >= MAX_GROUPS || node < 1 || node >= STRIDE) {
            throw new IllegalArgumentException("no orderer for node " + node + " in group " + group
                + ": sharded clusters take node ids below " + STRIDE + " and fewer than " + MAX_GROUPS + " groups");
        }
        return group * STRIDE + node;
    }

    /** The group an orderer ordered for. */
    public static int group(int orderer) {
        return orderer / STRIDE;
    }

    /** The node an orderer is. */
    public static int node(int orderer) {
        return orderer % STRIDE;
    }
}
