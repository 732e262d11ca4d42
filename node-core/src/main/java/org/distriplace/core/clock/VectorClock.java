package org.distriplace.core.clock;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable vector clock: for each node id, how many of that node's events are covered. Absent entries are
 * zero. Used both as a write's causal stamp and as a replica's version ("I hold every write counted here").
 */
public final class VectorClock {

    public static final VectorClock EMPTY = new VectorClock(new int[0], new long[0]);

    private final int[] nodes;
    private final long[] counters;

    private VectorClock(int[] nodes, long[] counters) {
        this.nodes = nodes;
        this.counters = counters;
    }

    /** Builds a clock from a map of node id to counter; zero entries are dropped. */
    public static VectorClock of(Map<Integer, Long> entries) {
        int[] ids = entries.entrySet().stream()
            .filter(e -> e.getValue() != 0)
            .mapToInt(Map.Entry::getKey).sorted().toArray();
        long[] values = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            long value = entries.get(ids[i]);
            if (value < 0) {
                throw new IllegalArgumentException("negative counter for node " + ids[i]);
            }
            values[i] = value;
        }
        return new VectorClock(ids, values);
    }

    /**
     * A clock from the first {@code count} entries of parallel arrays, in any order; a repeated node keeps its last
     * counter (as a map would) and zero entries are dropped. Decoders use it for every write, without a map.
     */
    public static VectorClock of(int[] nodes, long[] counters, int count) {
        int[] ids = Arrays.copyOf(nodes, count);
        long[] values = Arrays.copyOf(counters, count);
        for (int i = 1; i < count; i++) {
            // Insertion sort, stable: clocks have a handful of entries, and a repeated node's last value wins.
            int id = ids[i];
            long value = values[i];
            int j = i - 1;
            while (j >= 0 && ids[j] > id) {
                ids[j + 1] = ids[j];
                values[j + 1] = values[j];
                j--;
            }
            ids[j + 1] = id;
            values[j + 1] = value;
        }
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException("negative counter for node " + ids[i]);
            }
            boolean repeated = i + 1 < count && ids[i + 1] == ids[i];
            if (!repeated && values[i] != 0) {
                ids[n] = ids[i];
                values[n++] = values[i];
            }
        }
        return new VectorClock(Arrays.copyOf(ids, n), Arrays.copyOf(values, n));
    }

    public long get(int node) {
        int at = Arrays.binarySearch(nodes, node);
        return at >= 0 ? counters[at] : 0;
    }

    /** A copy with {@code node}'s entry set to {@code counter}. */
    public VectorClock with(int node, long counter) {
        if (counter < 0) {
            throw new IllegalArgumentException("negative counter");
        }
        int at = Arrays.binarySearch(nodes, node);
        if (at >= 0) {
            if (counters[at] == counter) {
                return this;
            }
            if (counter == 0) {
                return remove(at);
            }
            long[] values = counters.clone();
            values[at] = counter;
            return new VectorClock(nodes, values);
        }
        if (counter == 0) {
            return this;
        }
        int insert = -at - 1;
        int[] ids = new int[nodes.length + 1];
        long[] values = new long[nodes.length + 1];
        System.arraycopy(nodes, 0, ids, 0, insert);
        System.arraycopy(counters, 0, values, 0, insert);
        ids[insert] = node;
        values[insert] = counter;
        System.arraycopy(nodes, insert, ids, insert + 1, nodes.length - insert);
        System.arraycopy(counters, insert, values, insert + 1, nodes.length - insert);
        return new VectorClock(ids, values);
    }

    private VectorClock remove(int at) {
        int[] ids = new int[nodes.length - 1];
        long[] values = new long[nodes.length - 1];
        System.arraycopy(nodes, 0, ids, 0, at);
        System.arraycopy(counters, 0, values, 0, at);
        System.arraycopy(nodes, at + 1, ids, at, nodes.length - at - 1);
        System.arraycopy(counters, at + 1, values, at, nodes.length - at - 1);
        return new VectorClock(ids, values);
    }

    /** The entry-wise maximum (one pass over both sorted entry lists: merged on every commit). */
    public VectorClock merge(VectorClock other) {
        if (other.nodes.length == 0 || other == this) {
            return this;
        }
        if (nodes.length == 0) {
            return other;
        }
        int[] ids = new int[nodes.length + other.nodes.length];
        long[] values = new long[ids.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < nodes.length || j < other.nodes.length) {
            if (j == other.nodes.length || (i < nodes.length && nodes[i] < other.nodes[j])) {
                ids[n] = nodes[i];
                values[n++] = counters[i++];
            } else if (i == nodes.length || other.nodes[j] < nodes[i]) {
                ids[n] = other.nodes[j];
                values[n++] = other.counters[j++];
            } else {
                ids[n] = nodes[i];
                values[n++] = Math.max(counters[i++], other.counters[j++]);
            }
        }
        return new VectorClock(Arrays.copyOf(ids, n), Arrays.copyOf(values, n));
    }

    /** Number of non-zero entries; {@link #nodeAt} and {@link #counterAt} read them in node order. */
    public int size() {
        return nodes.length;
    }

    /** The node of the {@code index}-th entry (encoders walk entries without building a map per write). */
    public int nodeAt(int index) {
        return nodes[index];
    }

    public long counterAt(int index) {
        return counters[index];
    }

    /** True when every entry here is at most the same entry of {@code other}. */
    public boolean isCoveredBy(VectorClock other) {
        for (int i = 0; i < nodes.length; i++) {
            if (counters[i] > other.get(nodes[i])) {
                return false;
            }
        }
        return true;
    }

    /** True when neither clock covers the other. */
    public boolean isConcurrentWith(VectorClock other) {
        return !isCoveredBy(other) && !other.isCoveredBy(this);
    }

    /** Sum of all entries: with gapless per-node sequences, the number of events covered. */
    public long total() {
        long sum = 0;
        for (long counter : counters) {
            sum += counter;
        }
        return sum;
    }

    /** Node id to counter, in node order; no zero entries. */
    public Map<Integer, Long> asMap() {
        Map<Integer, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            map.put(nodes[i], counters[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorClock other
            && Arrays.equals(nodes, other.nodes) && Arrays.equals(counters, other.counters);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nodes) + Arrays.hashCode(counters);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < nodes.length; i++) {
            text.append(i == 0 ? "" : ",").append(nodes[i]).append(':').append(counters[i]);
        }
        return text.append('}').toString();
    }
}
