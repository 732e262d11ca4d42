package org.distriplace.inspector.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeReport;

/**
 * What each node has seen of the writes placed through each node: a matrix clock. Row i is node i's knowledge
 * vector [V1 … Vn], seed 1's "logical time per node": Vj counts the committed writes placed through node j (their
 * origin) that node i holds. The rows only record causality; the commit order is the leader's dots
 * ({@link VectorClocks}).
 *
 * <p>A row follows its node's commits as the replica does (a leader's dots are taken in counter order: a repeat is
 * ignored, a write that skips ahead is a gap), so it moves the moment the node commits. Writes a node gets without a
 * commit (a delta or full state from a peer, its own disk after a restart, anything before the inspector watched)
 * come from its reports: a report's version names exactly the dots it holds, and the inspector knows the origin of
 * every dot it saw committed on any node. A dot whose origin it never saw is counted apart, as of unknown origin,
 * never guessed. Counts, not request ids: a request id is its origin's hybrid clock, not a count, and refused
 * requests leave holes in it.
 *
 * <p>Not thread-safe: fed and read on one thread, like {@link InspectorModel}.
 */
public final class CausalKnowledge {

    /** A RESTORED event's detail starts with how many committed writes the node's disk gave back. */
    private static final Pattern RESTORED = Pattern.compile("(\\d+) committed writes");

    /**
     * One node's knowledge.
     *
     * @param seen           origin node to how many of the writes placed through it this node holds
     * @param unknownOrigin  writes it holds whose origin the inspector never saw (committed before it watched)
     * @param bySync         writes it took from a peer's delta or full state rather than from a commit
     * @param fromDisk       writes it restored from its own disk when it restarted
     * @param beforeWatching writes it held when the inspector first heard from it
     * @param changedAt      origin to the cluster time its entry last rose
     */
    public record Row(int node, VectorClock seen, long unknownOrigin, long bySync, long fromDisk,
                      long beforeWatching, Map<Integer, Long> changedAt) {

        public Row {
            changedAt = Map.copyOf(changedAt);
        }

        /** Writes it holds, whatever their origin: its canvas version. */
        public long total() {
            return seen.total() + unknownOrigin;
        }
    }

    /**
     * The first commit the inspector saw of a write: its origin's {@code sequence}-th write (counting every write
     * placed through that origin the inspector saw committed, in the order they first committed).
     */
    public record Learned(PixelWrite write, long sequence) {
    }

    /** A row being built: per ordering node, the highest of its dots held (gapless). */
    private static final class State {
        final Map<Integer, Long> held = new HashMap<>();
        final Map<Integer, Long> seen = new TreeMap<>();
        final Map<Integer, Long> changedAt = new TreeMap<>();
        long unknown;
        long bySync;
        long fromDisk;
        long beforeWatching;
        /** Why its next report may hold writes it did not commit in front of the inspector. */
        boolean firstReport = true;
        boolean syncing;
        /** Writes its disk gave back at a restart, not yet seen in a report (-1: none). */
        long restoring = -1;

        void count(int origin, long at) {
            seen.merge(origin, 1L, Long::sum);
            changedAt.put(origin, at);
        }

        Row row(int node) {
            return new Row(node, VectorClock.of(seen), unknown, bySync, fromDisk, beforeWatching, changedAt);
        }
    }

    private final Map<Integer, State> rows = new TreeMap<>();
    /** Per ordering node, the origin of each of its dots (index counter - 1), plus one; 0 where not yet seen. */
    private final Map<Integer, int[]> origins = new HashMap<>();
    private final Map<Integer, Long> placedThrough = new HashMap<>();
    private final Map<Integer, Long> stoppedAt = new HashMap<>();
    private final Consumer<Learned> learned;

    /** @param learned told of each write the first time the inspector sees it committed, on any node */
    public CausalKnowledge(Consumer<Learned> learned) {
        this.learned = learned;
    }

    /** Knowledge on its own (tests). */
    public CausalKnowledge() {
        this(write -> { });
    }

    void accept(NodeEvent event) {
        if (event instanceof NodeEvent.Committed e) {
            committed(e);
        } else if (event instanceof NodeEvent.SyncStep e && (e.kind() == NodeEvent.SyncStep.Kind.DELTA_APPLIED
            || e.kind() == NodeEvent.SyncStep.Kind.FULL_STATE_APPLIED)) {
            state(e.node()).syncing = true;
        } else if (event instanceof NodeEvent.Lifecycle e) {
            if (e.stage() == NodeEvent.Lifecycle.Stage.STOPPED) {
                rows.remove(e.node());
                stoppedAt.put(e.node(), e.at());
            } else if (e.stage() == NodeEvent.Lifecycle.Stage.RESTORED) {
                // A (re)start: it holds what its disk kept, which its next report names.
                State fresh = new State();
                fresh.firstReport = false;
                Matcher count = RESTORED.matcher(e.detail());
                fresh.restoring = count.lookingAt() ? Long.parseLong(count.group(1)) : Long.MAX_VALUE;
                rows.put(e.node(), fresh);
            }
        }
    }

    private void committed(NodeEvent.Committed e) {
        State row = state(e.node());
        for (PixelWrite write : e.writes()) {
            learn(write, e.at());
            int leader = write.nodeId();
            long counter = write.dot().counter();
            long have = row.held.getOrDefault(leader, 0L);
            if (counter == have + 1) {
                row.held.put(leader, counter);
                row.count(write.origin(), e.at());
            }
        }
    }

    /** Records {@code write}'s origin the first time its dot is seen; rows that held it unknowing now know. */
    private void learn(PixelWrite write, long at) {
        int leader = write.nodeId();
        long counter = write.dot().counter();
        int[] table = origins.getOrDefault(leader, new int[0]);
        if (counter <= table.length && table[(int) (counter - 1)] != 0) {
            return;
        }
        if (counter > table.length) {
            table = Arrays.copyOf(table, (int) Math.max(counter, table.length * 2L));
            origins.put(leader, table);
        }
        table[(int) (counter - 1)] = write.origin() + 1;
        for (State row : rows.values()) {
            if (row.held.getOrDefault(leader, 0L) >= counter) {
                row.unknown--;
                row.count(write.origin(), at);
            }
        }
        learned.accept(new Learned(write, placedThrough.merge(write.origin(), 1L, Long::sum)));
    }

    void accept(NodeReport report) {
        if (report.at() <= stoppedAt.getOrDefault(report.nodeId(), Long.MIN_VALUE)) {
            return; // written before it stopped, drained after
        }
        State row = state(report.nodeId());
        VectorClock version = report.version();
        boolean fell = row.held.entrySet().stream().anyMatch(e -> version.get(e.getKey()) < e.getValue());
        if (fell) {
            // It holds less than it did (a restart the inspector did not hear of): count again from its version.
            row = new State();
            row.firstReport = false;
            row.restoring = Long.MAX_VALUE;
            rows.put(report.nodeId(), row);
        }
        long adopted = 0;
        for (int i = 0; i < version.size(); i++) {
            int leader = version.nodeAt(i);
            long have = row.held.getOrDefault(leader, 0L);
            for (long counter = have + 1; counter <= version.counterAt(i); counter++) {
                int origin = originOf(leader, counter);
                if (origin < 0) {
                    row.unknown++;
                } else {
                    row.count(origin, report.at());
                }
                adopted++;
            }
            row.held.put(leader, Math.max(have, version.counterAt(i)));
        }
        attribute(row, adopted);
    }

    /** Says where {@code adopted} writes a report added came from; what no reason explains is a report ahead of
     * its commit events (they come later, as repeats). */
    private static void attribute(State row, long adopted) {
        if (row.firstReport) {
            row.beforeWatching += adopted;
            row.firstReport = false;
            return;
        }
        if (row.restoring >= 0) {
            long restored = Math.min(adopted, row.restoring);
            row.fromDisk += restored;
            adopted -= restored;
            row.restoring = -1;
        }
        if (row.syncing) {
            row.bySync += adopted;
            row.syncing = false;
        }
    }

    private State state(int node) {
        return rows.computeIfAbsent(node, n -> new State());
    }

    /** The node a dot's write was placed through, or -1 if the inspector never saw it committed. */
    private int originOf(int leader, long counter) {
        int[] table = origins.get(leader);
        return table == null || counter > table.length ? -1 : table[(int) (counter - 1)] - 1;
    }

    /** One row per node heard from and not stopped, in node order. */
    public List<Row> rows() {
        return rows.entrySet().stream().map(e -> e.getValue().row(e.getKey())).toList();
    }

    /** {@code node}'s knowledge vector now (empty if it has no row). */
    public VectorClock seen(int node) {
        State row = rows.get(node);
        return row == null ? VectorClock.EMPTY : VectorClock.of(row.seen);
    }

    /** The vectors' entries: every node with a row and every origin any row counts. */
    public List<Integer> entries() {
        TreeSet<Integer> ids = new TreeSet<>(rows.keySet());
        rows.values().forEach(row -> ids.addAll(row.seen.keySet()));
        return List.copyOf(ids);
    }

    /** Whether {@code node}'s entry for {@code origin} rose within {@code windowMs} before {@code now}. */
    public boolean changedRecently(int node, int origin, long now, long windowMs) {
        State row = rows.get(node);
        Long at = row == null ? null : row.changedAt.get(origin);
        return at != null && now - at <= windowMs;
    }
}
