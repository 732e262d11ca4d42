package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.clock.Hlc;

/**
 * A bounded record of client requests, by origin node and request id, with when they were recorded (hybrid
 * logical clock time); oldest forgotten first. Leaders use it to order each request once although origins may
 * send it again (duplicated messages, or a re-send to a new leader). Owned by the node's thread.
 *
 * <p>Kept in flat arrays (a ring in recording order, and an open-addressing index into it) rather than a map of
 * boxed keys: 200,000 requests are a few arrays, not 600,000 objects that every young collection copies. The arrays
 * start small and double up to the limit, so a group that orders few requests (a quiet shard, the cluster group of
 * a sharded node) costs little.
 */
final class RecentRequests {

    private static final int EMPTY = -1;
    private static final int FIRST_CAPACITY = 64;

    /** The most requests kept; the oldest is forgotten beyond it. */
    private final int limit;
    private int capacity;
    private int[] origins;
    private long[] requestIds;
    private long[] recordedAt;
    /** Ring positions by hash (linear probing), {@link #EMPTY} where free; at most half full. */
    private int[] index;
    private int mask;
    private int oldest;
    private int size;

    RecentRequests(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.limit = limit;
        allocate(Math.min(limit, FIRST_CAPACITY));
    }

    private void allocate(int newCapacity) {
        int[] oldOrigins = origins;
        long[] oldIds = requestIds;
        long[] oldTimes = recordedAt;
        int oldCapacity = capacity;
        int oldOldest = oldest;
        int count = size;
        capacity = newCapacity;
        origins = new int[newCapacity];
        requestIds = new long[newCapacity];
        recordedAt = new long[newCapacity];
        int slots = Integer.highestOneBit(Math.max(2, newCapacity) * 2 - 1) * 2;
        index = new int[slots];
        mask = slots - 1;
        java.util.Arrays.fill(index, EMPTY);
        oldest = 0;
        size = 0;
        for (int i = 0; i < count; i++) {
            int from = (oldOldest + i) % oldCapacity;
            add(oldOrigins[from], oldIds[from], oldTimes[from]);
        }
    }

    /** Records a request at {@code hlc}; false if it was already recorded. */
    boolean add(int origin, long requestId, long hlc) {
        if (slotOf(origin, requestId) >= 0) {
            return false;
        }
        if (size == capacity && capacity < limit) {
            allocate((int) Math.min(limit, 2L * capacity));
        }
        if (size == capacity) {
            forget(oldest);
            oldest = (oldest + 1) % capacity;
            size--;
        }
        int position = (oldest + size) % capacity;
        origins[position] = origin;
        requestIds[position] = requestId;
        recordedAt[position] = hlc;
        int slot = home(origin, requestId);
        while (index[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        index[slot] = position;
        size++;
        return true;
    }

    boolean contains(int origin, long requestId) {
        return slotOf(origin, requestId) >= 0;
    }

    /** Request ids by origin, recorded at or after physical time {@code sinceMs}: what full state must carry. */
    Map<Integer, List<Long>> since(long sinceMs) {
        Map<Integer, List<Long>> recent = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            int position = (oldest + i) % capacity;
            if (Hlc.physical(recordedAt[position]) >= sinceMs) {
                recent.computeIfAbsent(origins[position], o -> new ArrayList<>()).add(requestIds[position]);
            }
        }
        return recent;
    }

    /** Records requests received with full state, at {@code hlc}. */
    void addAll(Map<Integer, List<Long>> byOrigin, long hlc) {
        byOrigin.forEach((origin, ids) -> ids.forEach(id -> add(origin, id, hlc)));
    }

    private int home(int origin, long requestId) {
        long h = requestId * 0x9E3779B97F4A7C15L + origin * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    /** The index slot of a recorded request, or -1. */
    private int slotOf(int origin, long requestId) {
        for (int slot = home(origin, requestId); index[slot] != EMPTY; slot = (slot + 1) & mask) {
            int position = index[slot];
            if (origins[position] == origin && requestIds[position] == requestId) {
                return slot;
            }
        }
        return -1;
    }

    /** Removes the ring entry at {@code position} from the index (backward-shift deletion keeps probes short). */
    private void forget(int position) {
        int hole = slotOf(origins[position], requestIds[position]);
        int slot = hole;
        while (true) {
            slot = (slot + 1) & mask;
            int moving = index[slot];
            if (moving == EMPTY) {
                break;
            }
            int home = home(origins[moving], requestIds[moving]);
            // Move it back into the hole unless its home lies cyclically in (hole, slot].
            boolean stays = hole <= slot ? home > hole && home <= slot : home > hole || home <= slot;
            if (!stays) {
                index[hole] = moving;
                hole = slot;
            }
        }
        index[hole] = EMPTY;
    }
}
