package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.distriplace.core.clock.Hlc;
import org.junit.jupiter.api.Test;

/** The flat-array record behaves as a bounded insertion-ordered map of (origin, request) would. */
class RecentRequestsTest {

    private record Key(int origin, long requestId) {
    }

    @Test
    void behavesAsABoundedInsertionOrderedMapUnderRandomUse() {
        for (int capacity : new int[] {1, 7, 1_000}) {
            RecentRequests requests = new RecentRequests(capacity);
            LinkedHashMap<Key, Long> model = new LinkedHashMap<>();
            Random random = new Random(capacity);
            for (int step = 0; step < 60_000; step++) {
                int origin = 1 + random.nextInt(4);
                // Few distinct ids, so repeats, evictions and collisions all happen often.
                long id = random.nextInt(3 * capacity + 5) - 2;
                long hlc = Hlc.pack(1_000 + step, 0);
                if (random.nextInt(4) == 0) {
                    assertEquals(model.containsKey(new Key(origin, id)), requests.contains(origin, id));
                    continue;
                }
                boolean fresh = model.putIfAbsent(new Key(origin, id), hlc) == null;
                if (model.size() > capacity) {
                    Iterator<Key> eldest = model.keySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
                assertEquals(fresh, requests.add(origin, id, hlc), "step " + step);
            }
            for (long since : new long[] {0, 1_000 + 59_000, 1_000 + 59_990}) {
                assertEquals(expectedSince(model, since), requests.since(since), "capacity " + capacity);
            }
        }
    }

    private static Map<Integer, List<Long>> expectedSince(Map<Key, Long> model, long sinceMs) {
        Map<Integer, List<Long>> recent = new TreeMap<>();
        model.forEach((key, hlc) -> {
            if (Hlc.physical(hlc) >= sinceMs) {
                recent.computeIfAbsent(key.origin(), o -> new ArrayList<>()).add(key.requestId());
            }
        });
        return recent;
    }
}
