package org.distriplace.inspector.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.node.NodeReport;

/**
 * Each node's version vector (committed writes per ordering node) from its reports, with the time each entry last
 * changed so the table can highlight what just moved.
 */
public final class VectorClocks {

    /** One node's row. {@code committedWrites} is the canvas version a player would quote. */
    public record Row(int node, VectorClock version, long committedWrites, String stateHash,
                      Map<Integer, Long> changedAt) {
    }

    private final Map<Integer, Row> rows = new TreeMap<>();
    private final Map<Integer, Long> stoppedAt = new HashMap<>();

    void accept(NodeReport report) {
        if (report.at() <= stoppedAt.getOrDefault(report.nodeId(), Long.MIN_VALUE)) {
            return; // written before it stopped, drained after: the row stays gone
        }
        Row before = rows.get(report.nodeId());
        Map<Integer, Long> changed = new TreeMap<>(before == null ? Map.of() : before.changedAt());
        VectorClock version = report.version();
        for (int i = 0; i < version.size(); i++) {
            int entry = version.nodeAt(i);
            if (before != null && before.version().get(entry) != version.counterAt(i)) {
                changed.put(entry, report.at());
            }
        }
        rows.put(report.nodeId(), new Row(report.nodeId(), version, report.committedWrites(), report.stateHash(),
            changed));
    }

    void accept(NodeEvent event) {
        if (event instanceof NodeEvent.Lifecycle e && e.stage() == NodeEvent.Lifecycle.Stage.STOPPED) {
            rows.remove(e.node());
            stoppedAt.put(e.node(), e.at());
        }
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** Every node that appears in some version vector: the table's columns. */
    public List<Integer> entries() {
        TreeSet<Integer> ids = new TreeSet<>();
        rows.values().forEach(row -> ids.addAll(row.version().asMap().keySet()));
        return List.copyOf(ids);
    }

    /** Whether {@code node}'s entry for {@code entry} changed within {@code windowMs} before {@code now}. */
    public boolean changedRecently(int node, int entry, long now, long windowMs) {
        Row row = rows.get(node);
        Long at = row == null ? null : row.changedAt().get(entry);
        return at != null && now - at <= windowMs;
    }
}
