package org.distriplace.core.history;

import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.model.Dot;

/**
 * Which dots a history holds, as ranges of counters per ordering node: a leader's writes are numbered 1, 2, 3 …, so
 * a whole evening is a handful of ranges. Says whether a dot is new, and which ones a version covers but the
 * history lacks (the holes a full-state catch-up leaves). Not thread-safe.
 */
public final class DotRanges {

    /** Per node: range start to range end, inclusive, disjoint and not adjacent. */
    private final Map<Integer, TreeMap<Long, Long>> ranges = new TreeMap<>();
    private long size;

    /** Adds {@code dot}; false if it was already held. */
    public boolean add(Dot dot) {
        TreeMap<Long, Long> node = ranges.computeIfAbsent(dot.node(), id -> new TreeMap<>());
        long counter = dot.counter();
        Map.Entry<Long, Long> below = node.floorEntry(counter);
        if (below != null && below.getValue() >= counter) {
            return false;
        }
        long start = counter;
        long end = counter;
        if (below != null && below.getValue() == counter - 1) {
            start = below.getKey();
        }
        Long next = node.get(counter + 1);
        if (next != null) {
            end = next;
            node.remove(counter + 1);
        }
        node.put(start, end);
        size++;
        return true;
    }

    public boolean contains(Dot dot) {
        TreeMap<Long, Long> node = ranges.get(dot.node());
        Map.Entry<Long, Long> below = node == null ? null : node.floorEntry(dot.counter());
        return below != null && below.getValue() >= dot.counter();
    }

    /**
     * The first counters of {@code node}, among 1 to {@code upTo}, not held: {@code {from, to}} spanning at most
     * {@code max}, or null when all are held.
     */
    public long[] firstMissing(int node, long upTo, int max) {
        long expected = 1;
        for (Map.Entry<Long, Long> range : ranges.getOrDefault(node, new TreeMap<>()).entrySet()) {
            if (range.getKey() > expected) {
                break;
            }
            expected = Math.max(expected, range.getValue() + 1);
        }
        if (expected > upTo) {
            return null;
        }
        Map.Entry<Long, Long> next = ranges.getOrDefault(node, new TreeMap<>()).higherEntry(expected);
        long end = Math.min(upTo, next == null ? upTo : next.getKey() - 1);
        return new long[] {expected, Math.min(end, expected + max - 1)};
    }

    /** An independent copy. */
    public DotRanges copy() {
        DotRanges copy = new DotRanges();
        ranges.forEach((node, held) -> copy.ranges.put(node, new TreeMap<>(held)));
        copy.size = size;
        return copy;
    }

    /** Dots held in all. */
    public long size() {
        return size;
    }

    /** The held ranges of {@code nodeId}'s counters, as start → end (inclusive), ascending; a copy. */
    public TreeMap<Long, Long> of(int nodeId) {
        return new TreeMap<>(ranges.getOrDefault(nodeId, new TreeMap<>()));
    }
}
