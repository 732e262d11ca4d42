package org.distriplace.inspector.feed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.read.ReadView;
import org.distriplace.inspector.model.ClusterState;

/**
 * The moment a lesson's step ends ({@code until:}), judged after every event the demo runs, so the demo stops on
 * the very event the caption talks about: the first suspicion, the first election call, the abort, the new leader.
 * <ul>
 *   <li>{@code time Ns}: N seconds of cluster time after the step began;</li>
 *   <li>{@code leader}, {@code new leader} (another than when the step began);</li>
 *   <li>{@code suspected}, {@code dead}: a node suspects a peer, declares one dead;</li>
 *   <li>{@code election}: a node calls an election; {@code abort}: a two-phase commit aborts;</li>
 *   <li>{@code partitioned}: the running nodes have fallen into sides that declared each other dead (as the
 *       inspector's graph draws them, {@link ClusterState#sides});</li>
 *   <li>{@code writes N}: the leader committed N more writes; {@code converged}, {@code diverged}: the running
 *       replicas' states agree, or do not;</li>
 *   <li>on a sharded demo, {@code shards led}: every shard has a leader; {@code new shard leaders}: every shard has
 *       one, and some shard another than when the step began; {@code shard without quorum}: some shard has fewer
 *       than a majority of its replicas running.</li>
 * </ul>
 */
final class LessonMoment {

    private static final Pattern TIME = Pattern.compile("time (\\d+(\\.\\d+)?)s");
    private static final Pattern WRITES = Pattern.compile("writes (\\d{1,6})");
    private static final List<String> NAMED = List.of("leader", "new leader", "converged", "diverged", "suspected",
        "dead", "election", "abort", "partitioned", "shards led", "new shard leaders", "shard without quorum");

    private final SimulatedCluster cluster;
    private final String until;
    private final long startedAt;
    private final Optional<Integer> startLeader;
    private final long startWrites;
    private final List<Integer> startShardLeaders;

    /** The moment {@code until} for a step beginning now. */
    LessonMoment(SimulatedCluster cluster, String until) {
        this.cluster = cluster;
        this.until = until;
        this.startedAt = cluster.now();
        this.startLeader = cluster.leader();
        this.startWrites = leaderWrites(cluster);
        this.startShardLeaders = ShardsNow.sharded(cluster) ? ShardsNow.leaders(cluster) : List.of();
    }

    /** {@code until} if a step can end at it; refused naming {@code line} otherwise. */
    static String check(String until, int line) {
        if (NAMED.contains(until) || TIME.matcher(until).matches() || WRITES.matcher(until).matches()) {
            return until;
        }
        throw new IllegalArgumentException("line " + line + ": a step cannot end at '" + until + "' (leader, new "
            + "leader, suspected, dead, election, abort, partitioned, converged, diverged, time Ns, writes N, shards "
            + "led, new shard leaders, shard without quorum)");
    }

    /** Seconds in a {@code time Ns} moment, or -1. */
    static double seconds(String until) {
        Matcher m = TIME.matcher(until);
        return m.matches() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** The cluster time a {@code time Ns} moment comes at; empty for other moments. */
    Optional<Long> deadline() {
        double seconds = seconds(until);
        return seconds < 0 ? Optional.empty() : Optional.of(startedAt + Math.round(seconds * 1000));
    }

    /** Whether the moment has come, given the events the last step of the demo produced. */
    boolean reached(List<NodeEvent> justRan) {
        if (until.isEmpty()) {
            return true;
        }
        Optional<Long> deadline = deadline();
        if (deadline.isPresent()) {
            return cluster.now() >= deadline.get();
        }
        Matcher writes = WRITES.matcher(until);
        if (writes.matches()) {
            return leaderWrites(cluster) - startWrites >= Long.parseLong(writes.group(1));
        }
        return switch (until) {
            case "leader" -> cluster.leader().isPresent();
            case "new leader" -> cluster.leader().isPresent() && !cluster.leader().equals(startLeader);
            case "converged" -> hashes() == 1;
            case "diverged" -> hashes() > 1;
            case "suspected" -> any(justRan, e -> e instanceof NodeEvent.SuspicionChanged s
                && s.to() == Liveness.SUSPECTED);
            case "dead" -> any(justRan, e -> e instanceof NodeEvent.SuspicionChanged s && s.to() == Liveness.DEAD);
            case "election" -> any(justRan, e -> e instanceof NodeEvent.ElectionStep s
                && s.step() == NodeEvent.ElectionStep.Step.STARTED);
            case "abort" -> any(justRan, e -> e instanceof NodeEvent.CommitPhase c
                && c.phase() == NodeEvent.CommitPhase.Phase.ABORT);
            case "partitioned" -> (justRan.isEmpty() || any(justRan, e -> e instanceof NodeEvent.SuspicionChanged))
                && sides() > 1;
            case "shards led" -> ShardsNow.sharded(cluster) && led(ShardsNow.leaders(cluster));
            case "new shard leaders" -> ShardsNow.sharded(cluster) && newShardLeaders();
            case "shard without quorum" -> ShardsNow.sharded(cluster) && ShardsNow.anyWithoutQuorum(cluster);
            default -> true;
        };
    }

    private boolean newShardLeaders() {
        List<Integer> now = ShardsNow.leaders(cluster);
        return led(now) && !now.equals(startShardLeaders);
    }

    /** Every shard has a leader (and there are shards: none before the first report). */
    private static boolean led(List<Integer> leaders) {
        return !leaders.isEmpty() && !leaders.contains(0);
    }

    private static boolean any(List<NodeEvent> events, Predicate<NodeEvent> test) {
        return events.stream().anyMatch(test);
    }

    /** How many sides the running nodes fall into, from what their failure detectors report. */
    private int sides() {
        Map<Integer, Map<Integer, Liveness>> opinions = new HashMap<>();
        List<Integer> running = cluster.nodes().stream().filter(cluster::isRunning).toList();
        for (int id : running) {
            cluster.report(id).ifPresent(report -> report.peers().values().forEach(peer ->
                opinions.computeIfAbsent(id, k -> new HashMap<>()).put(peer.id(), peer.liveness())));
        }
        return ClusterState.sides(opinions, running, cluster.nodes().size()).size();
    }

    private long hashes() {
        return cluster.nodes().stream().filter(cluster::isRunning).map(cluster::view).flatMap(Optional::stream)
            .map(ReadView::stateHash).distinct().count();
    }

    private static long leaderWrites(SimulatedCluster cluster) {
        return cluster.leader().flatMap(cluster::view).map(ReadView::committedWrites).orElse(0L);
    }
}
