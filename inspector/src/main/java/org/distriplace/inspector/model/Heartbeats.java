package org.distriplace.inspector.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.node.NodeReport;

/** For each node and each peer it watches: when it last heard that peer, against its suspicion and failure timeouts. */
public final class Heartbeats {

    /** The timings the seed design uses, until a node's report says otherwise. */
    public static final NodeReport.Timing DEFAULT_TIMING = new NodeReport.Timing(2_000, 4_000, 6_000);

    /**
     * One observer's view of one peer at some moment.
     *
     * @param silenceMs time since the peer was last heard, or -1 if never
     */
    public record Silence(int observer, int peer, long silenceMs, Liveness liveness, NodeReport.Timing timing) {

        /** Silence as a fraction of the failure timeout (1 and above: due to be declared dead). */
        public double ofFailureTimeout() {
            return silenceMs < 0 ? 1 : (double) silenceMs / timing.failureTimeoutMs();
        }
    }

    private final Map<Integer, Map<Integer, Long>> lastHeard = new TreeMap<>();
    private final Map<Integer, Map<Integer, Liveness>> liveness = new TreeMap<>();
    private final Map<Integer, NodeReport.Timing> timing = new TreeMap<>();

    void accept(NodeEvent event) {
        if (event instanceof NodeEvent.HeartbeatReceived e) {
            lastHeard.computeIfAbsent(e.node(), k -> new TreeMap<>()).merge(e.peer(), e.at(), Math::max);
        } else if (event instanceof NodeEvent.SuspicionChanged e) {
            liveness.computeIfAbsent(e.node(), k -> new TreeMap<>()).put(e.peer(), e.to());
            lastHeard.computeIfAbsent(e.node(), k -> new TreeMap<>()).putIfAbsent(e.peer(), -1L);
        } else if (event instanceof NodeEvent.Lifecycle e && e.stage() == NodeEvent.Lifecycle.Stage.STOPPED) {
            lastHeard.remove(e.node());
            liveness.remove(e.node());
        }
    }

    void accept(NodeReport report) {
        timing.put(report.nodeId(), report.timing());
        Map<Integer, Long> heard = lastHeard.computeIfAbsent(report.nodeId(), k -> new TreeMap<>());
        Map<Integer, Liveness> opinions = liveness.computeIfAbsent(report.nodeId(), k -> new TreeMap<>());
        report.peers().values().forEach(peer -> {
            heard.merge(peer.id(), peer.lastHeardAgoMs() < 0 ? -1 : report.at() - peer.lastHeardAgoMs(), Math::max);
            opinions.put(peer.id(), peer.liveness());
        });
    }

    /** Every running observer's view of every peer it watches, at {@code now}, by observer then peer. */
    public List<Silence> at(long now) {
        List<Silence> out = new ArrayList<>();
        lastHeard.forEach((observer, peers) -> peers.forEach((peer, heard) -> out.add(new Silence(observer, peer,
            heard < 0 ? -1 : Math.max(0, now - heard),
            liveness.getOrDefault(observer, Map.of()).getOrDefault(peer, Liveness.ALIVE),
            timing.getOrDefault(observer, DEFAULT_TIMING)))));
        return out;
    }
}
