package org.distriplace.core.node;

import java.util.List;
import java.util.Map;
import org.distriplace.core.clock.HybridLogicalClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.protocol.failure.FailureDetector;
import org.distriplace.core.protocol.shard.Orderers;

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
    /** A sharded node's messages of one turn; none with one group, whose messages go as they are sent. */
    private final Outbox outbox;
    private final Outbox.Sink afterTheTurn;
    private boolean started;
    private boolean stopped;

    /**
     * @param events    where events go, once what they depend on is durable
     * @param transport where messages go, likewise
     * @param peers     the peers the failure detector watches at first (the cluster's other members)
     */
    NodeShared(NodeConfig config, Clock clock, EventStore store, EventSink events, Transport transport,
               List<Integer> peers) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.gate = new DurabilityGate(store::issued);
        this.events = gate.events(events);
        this.transport = gate.transport(transport);
        this.outbox = config.sharded() ? new Outbox(config.nodeId(), config.maxBatch()) : null;
        this.afterTheTurn = new Outbox.Sink() {
            @Override
            public void sendNow(int to, PeerMessage message) {
                transport.send(to, message);
            }

            @Override
            public void sendAfter(long issued, int to, PeerMessage message) {
                gate.runAfter(issued, () -> transport.send(to, message));
            }
        };
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

    /** The group an orderer's writes and entries belong to: by its number when sharded, else the only one. */
    int groupOf(int orderer) {
        return config.sharded() ? Orderers.group(orderer) : 0;
    }

    FailureDetector detector() {
        return detector;
    }

    /**
     * Sends a message of {@code group} (and tells watchers, while anyone watches messages); nothing once the node
     * stopped. A sharded node keeps it for the turn's end ({@link #endTurn}); a node of one group sends it now.
     */
    void send(int group, int to, PeerMessage message) {
        if (stopped) {
            return;
        }
        tellSent(group, to, message);
        if (outbox != null) {
            outbox.add(to, group, message, gate.issued());
        } else if (group == 0) {
            transport.send(to, message);
        } else {
            throw new IllegalStateException("group " + group + " on a node of one group");
        }
    }

    /**
     * Sends a message on its own, never in a bundle, even from a sharded node: for what a peer answers off its
     * node's thread (a history request), where no bundle is opened.
     */
    void sendAlone(int to, PeerMessage message) {
        if (stopped) {
            return;
        }
        tellSent(0, to, message);
        transport.send(to, message);
    }

    /** Tells watchers of a message of {@code group} leaving, while anyone watches messages. */
    private void tellSent(int group, int to, PeerMessage message) {
        if (events.wantsMessages()) {
            events.inGroup(group).emit(new NodeEvent.MessageSent(clock.nowMs(), self(), to, message.kind(),
                message.summary()));
        }
    }

    /** The node's thread finished a turn: what it sent goes out, one message (or two) per peer. */
    void endTurn() {
        if (outbox != null) {
            outbox.flush(afterTheTurn);
        }
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
