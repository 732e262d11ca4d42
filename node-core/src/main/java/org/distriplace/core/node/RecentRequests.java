package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.clock.Hlc;

/**
 * A bounded record of client requests, by origin node and request id, with when they were recorded (hybrid
 * logical clock time); oldest forgotten first. Leaders use it to order each request once although origins may
 * send it again (duplicated messages, or a re-send to a new leader). Owned by the node's thread.
 */
final class RecentRequests {

    private record Key(int origin, long requestId) {
    }

    private final int capacity;
    private final LinkedHashMap<Key, Long> requests = new LinkedHashMap<>();

    RecentRequests(int capacity) {
        this.capacity = capacity;
    }

    /** Records a request at {@code hlc}; false if it was already recorded. */
    boolean add(int origin, long requestId, long hlc) {
        if (requests.putIfAbsent(new Key(origin, requestId), hlc) != null) {
            return false;
        }
        if (requests.size() > capacity) {
            Iterator<Key> oldest = requests.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    boolean contains(int origin, long requestId) {
        return requests.containsKey(new Key(origin, requestId));
    }

    /** Request ids by origin, recorded at or after physical time {@code sinceMs}: what full state must carry. */
    Map<Integer, List<Long>> since(long sinceMs) {
        Map<Integer, List<Long>> recent = new TreeMap<>();
        requests.forEach((key, hlc) -> {
            if (Hlc.physical(hlc) >= sinceMs) {
                recent.computeIfAbsent(key.origin(), o -> new ArrayList<>()).add(key.requestId());
            }
        });
        return recent;
    }

    /** Records requests received with full state, at {@code hlc}. */
    void addAll(Map<Integer, List<Long>> byOrigin, long hlc) {
        byOrigin.forEach((origin, ids) -> ids.forEach(id -> add(origin, id, hlc)));
    }
}
