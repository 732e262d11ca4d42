package org.distriplace.core.node;

import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.protocol.cooldown.CooldownLedger;
import org.distriplace.core.protocol.election.BullyElection;
import org.distriplace.core.protocol.failure.FailureDetector;

/**
 * What every role of one node shares: who it is and how it is configured, its clock, its committed state, the
 * membership it holds, the failure detector and the election, and the ways out (messages, events, storage, the
 * durability gate). Roles read these and drive the shared machines; no role reaches into another role. Owned by
 * the node's thread.
 */
final class NodeContext {

    /** How far a forced configuration's number jumps past every one this node knows of. */
    static final long FORCED_VERSION_STEP = 1_000;

    private final NodeConfig config;
    private final Clock clock;
    private final EventStore store;
    private final EventSink events;
    private final Transport transport;
    private final DurabilityGate gate;
    private final CommittedState state;
    private final MembershipView members;
    private final FailureDetector detector;
    private final BullyElection election;
    private boolean started;
    private boolean stopped;

    /**
     * @param events    already behind {@code gate}
     * @param transport already behind {@code gate}
     * @param reactions what the node does when the election changes leadership (called on the node's thread)
     */
    NodeContext(NodeConfig config, Clock clock, EventStore store, EventSink events, Transport transport,
                DurabilityGate gate, BullyElection.Listener reactions) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.events = events;
        this.transport = transport;
        this.gate = gate;
        this.state = new CommittedState(config, store);
        this.members = new MembershipView(config.nodeId(), config.members(), store, config.asksToJoinWhenOutside());
        this.detector = new FailureDetector(members.others(), config.heartbeatMs(), config.suspectAfterMs(),
            config.failureTimeoutMs());
        // Restored from storage when the node starts (BullyElection#restore).
        this.election = new BullyElection(config.nodeId(), members.current().members(), config.answerTimeoutMs(),
            config.coordinatorTimeoutMs(), 0, 0, this::send, events, reactions);
        election.useFailureDetector(detector::isDead);
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

    /** A fresh hybrid logical clock timestamp. */
    long stamp(long now) {
        return state.stamp(now);
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

    CommittedState state() {
        return state;
    }

    Replica replica() {
        return state.replica();
    }

    CooldownLedger cooldowns() {
        return state.cooldowns();
    }

    MembershipView members() {
        return members;
    }

    FailureDetector detector() {
        return detector;
    }

    BullyElection election() {
        return election;
    }

    /** The leader this node names to others: itself while it leads, else the one it follows (0 for none). */
    int claimedLeader() {
        return election.isLeader() ? self() : election.leaderId();
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

    /**
     * The node starts: what every role shares is restored from storage (the committed state, the configuration and
     * the election's promise), and returned for the roles' own parts.
     */
    EventStore.StoredState start(long now) {
        if (started) {
            throw new IllegalStateException("node " + self() + " already started");
        }
        started = true;
        EventStore.StoredState stored = store.load();
        state.restore(stored, now);
        lifecycle(now, Stage.RESTORED, replica().committedWrites() + " committed writes, epoch " + stored.epoch());
        if (stored.membership() != null) {
            members.restore(stored.membership());
        }
        if (config.forceNewCluster()) {
            forceNewCluster(stored, now);
        }
        detector.usePeers(members.others());
        election.useMembers(members.current().members());
        election.restore(stored.epoch(), stored.promisedTo());
        return stored;
    }

    /**
     * Disaster recovery, asked for explicitly: this node becomes the only member of a configuration numbered well
     * above any it or its in-doubt batches know, so nodes of the old cluster that come back take it on (and find
     * themselves removed) instead of keeping a configuration of their own under the same number.
     */
    private void forceNewCluster(EventStore.StoredState stored, long now) {
        Membership old = members.current();
        long newest = stored.inDoubt().stream().filter(Batch::changesConfig)
            .mapToLong(batch -> batch.config().version()).max().orElse(0);
        Membership alone = new Membership(Math.max(old.version(), newest) + FORCED_VERSION_STEP,
            new TreeMap<>(Map.of(self(), config.address())));
        members.adopt(alone);
        lifecycle(now, Stage.FORCED_NEW_CLUSTER, "forced out of configuration " + old.version() + " " + old.members()
            + " into configuration " + alone.version() + " of this node alone, keeping " + replica().committedWrites()
            + " committed writes; writes only the lost members held may be gone");
    }

    void stop() {
        stopped = true;
    }
}
