package org.distriplace.core.node;

import java.util.List;
import java.util.Map;
import org.distriplace.core.clock.HybridLogicalClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.protocol.failure.FailureDetector;

/**
 * What a node has once, however many groups it takes part in (ADR 0017): who it is and how it is configured, its
 * clock and hybrid logical clock, its store, the failure detector (one per pair of nodes, not per group), and the
 * ways out (messages, events, the durability gate). Each group's {@link GroupContext} reaches these through here.
 * Owned by the node's thread.
 */
final class NodeShared {

    private final NodeConfig config;
    private final Clock clock;
    private final EventStore store;
    private final EventSink events;
    private final Transport transport;
    private final DurabilityGate gate;
    private final HybridLogicalClock hlc = new HybridLogicalClock();
    private final FailureDetector detector;
    private boolean started;
    private boolean stopped;

    /**
     * @param events    already behind {@code gate}
     * @param transport already behind {@code gate}
     * @param peers     the peers the failure detector watches at first (the cluster's other members)
     */
    NodeShared(NodeConfig config, Clock clock, EventStore store, EventSink events, Transport transport,
               DurabilityGate gate, List<Integer> peers) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.events = events;
        this.transport = transport;
        this.gate = gate;
        this.detector = new FailureDetector(peers, config.heartbeatMs(), config.suspectAfterMs(),
            config.failureTimeoutMs());
    }

    int self() {
        return config.nodeId();
    }

    NodeConfig config() {
        return config;
    }

    long now() {
        return clock.nowMs();
    }

    HybridLogicalClock hlc() {
        return hlc;
    }

    EventStore store() {
        return store;
    }

    EventSink events() {
        return events;
    }

    DurabilityGate gate() {
        return gate;
    }

    FailureDetector detector() {
        return detector;
    }

    /** Sends a message (and tells watchers, while anyone watches messages); nothing once the node stopped. */
    void send(int to, PeerMessage message) {
        if (stopped) {
            return;
        }
        if (events.wantsMessages()) {
            events.emit(new NodeEvent.MessageSent(clock.nowMs(), self(), to, message.kind(), message.summary()));
        }
        transport.send(to, message);
    }

    /** Tells the transport where peers learned of through the protocol can be dialled. */
    void learnAddresses(Map<Integer, String> addresses) {
        transport.learnAddresses(addresses);
    }

    void lifecycle(long now, Stage stage, String detail) {
        events.emit(new NodeEvent.Lifecycle(now, self(), stage, detail));
    }

    /** True from start until stop: the node takes part and takes requests. */
    boolean running() {
        return started && !stopped;
    }

    boolean stopped() {
        return stopped;
    }

    /** The node starts: everything it stored, for each group and role to restore its own part from. */
    EventStore.StoredState start() {
        if (started) {
            throw new IllegalStateException("node " + self() + " already started");
        }
        started = true;
        return store.load();
    }

    void stop() {
        stopped = true;
    }
}
