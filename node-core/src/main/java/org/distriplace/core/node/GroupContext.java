package org.distriplace.core.node;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.Lifecycle.Stage;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.protocol.cooldown.CooldownLedger;
import org.distriplace.core.protocol.election.BullyElection;
import org.distriplace.core.protocol.failure.FailureDetector;
import org.distriplace.core.protocol.shard.Orderers;
import org.distriplace.core.protocol.shard.Rendezvous;
import org.distriplace.core.protocol.shard.Shard;

/**
 * What every role of one group shares (ADR 0017): the group's committed state, the membership it holds and its
 * election, and, through {@link NodeShared}, what the node has once (who it is, its clock, the failure detector,
 * storage and the ways out). Roles read these and drive the shared machines; no role reaches into another role.
 * In a one-shard cluster the node has one group, group 0, and this is all a role sees. Owned by the node's thread.
 */
final class GroupContext {

    /** How far a forced configuration's number jumps past every one this node knows of. */
    static final long FORCED_VERSION_STEP = 1_000;

    private final NodeShared node;
    private final int group;
    /** The cluster group's context: its configuration names the cluster's members, its book the bans. */
    private final GroupContext cluster;
    private final CommittedState state;
    private final MembershipView members;
    private final BullyElection election;
    private final EventSink events;
    /** When each learner was last pointed to the leader: once per heartbeat interval, however many it sent. */
    private final Map<Integer, Long> pointed = new TreeMap<>();
    /** Where the shards should be, in a sharded cluster's shard groups; null otherwise. */
    private ShardPlacement placement;
    /** Whether the shard's target names this node, as of map version {@link #targetedAt}. */
    private boolean targeted;
    private long targetedAt = -1;

    /**
     * @param area      the part of the canvas the group's replica holds
     * @param members   the group's configuration as this node holds it
     * @param reactions what the node does when the group's election changes leadership (on the node's thread)
     * @param cluster   the cluster group's context; null for the cluster group itself
     */
    GroupContext(NodeShared node, int group, Shard area, MembershipView members, BullyElection.Listener reactions,
                 GroupContext cluster) {
        this.node = node;
        this.group = group;
        this.cluster = cluster == null ? this : cluster;
        this.state = new CommittedState(node.config(), group, area, node.store(), node.hlc());
        this.members = members;
        this.events = node.events().inGroup(group);
        NodeConfig config = node.config();
        // Restored from storage when the node starts (BullyElection#restore).
        this.election = new BullyElection(config.nodeId(), members.current().members(), config.answerTimeoutMs(),
            config.coordinatorTimeoutMs(), 0, 0, this::send, events, reactions);
        election.useFailureDetector(node.detector()::isDead);
        if (group > 0) {
            // The replica rendezvous hashing ranks first for the shard leads it, not the highest id: leadership
            // spreads over the nodes as the replicas do. (A shard's id is its group's number less one.)
            election.useRanking(member -> Rendezvous.score(group - 1, member));
        }
    }

    /** The group's number: 0 for the cluster group (and, in a one-shard cluster, its only shard). */
    int group() {
        return group;
    }

    int self() {
        return node.self();
    }

    /** The node this node's writes and entries in this group are numbered under (itself in group 0). */
    int orderer() {
        return Orderers.of(group, node.self());
    }

    NodeConfig config() {
        return node.config();
    }

    long now() {
        return node.now();
    }

    /** A fresh hybrid logical clock timestamp (the node's one clock, shared by its groups). */
    long stamp(long now) {
        return node.hlc().now(now);
    }

    EventStore store() {
        return node.store();
    }

    /** Where the group's events go: group 0's bare, others' inside {@link NodeEvent.InGroup}. */
    EventSink events() {
        return events;
    }

    DurabilityGate gate() {
        return node.gate();
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
        return node.detector();
    }

    BullyElection election() {
        return election;
    }

    /** True for the cluster group, which orders configurations and accounts and watches every member. */
    boolean isCluster() {
        return cluster == this;
    }

    /** Members of this group's configuration the failure detector holds reachable, this node included. */
    int reachableMembers() {
        if (isCluster()) {
            return detector().reachablePeers().size() + 1; // every peer it watches is a member
        }
        List<Integer> reachable = detector().reachablePeers();
        return 1 + (int) members.others().stream().filter(reachable::contains).count();
    }

    /** The cluster group's context (this one's, in group 0). */
    GroupContext cluster() {
        return cluster;
    }

    /**
     * The cluster's members outside this group's configuration, this node aside: they learn the group's commits
     * (none in group 0, where the configuration is the cluster's).
     */
    Set<Integer> learners() {
        if (cluster == this) {
            return Set.of();
        }
        Set<Integer> learners = new TreeSet<>(cluster.members().current().members());
        learners.removeAll(members.current().members());
        learners.remove(self());
        return learners;
    }

    /** This shard group's replicas follow the cluster's members as {@code placement} says (ADR 0017, stage 5). */
    void usePlacement(ShardPlacement placement) {
        this.placement = placement;
    }

    /** True in a shard group: its replicas move when the cluster's members change. */
    boolean moves() {
        return placement != null;
    }

    private boolean deadPeer(int member) {
        return member != self() && node.detector().isDead(member);
    }

    /** The replicas this shard should have now; only where {@link #moves}. */
    List<Integer> targetReplicas() {
        return placement.target(group - 1);
    }

    /** True when this node is a learner of the shard that should hold it: it asks to be added once caught up. */
    boolean shouldJoinShard() {
        if (placement == null || !members.learning()) {
            return false;
        }
        if (targetedAt != placement.mapVersion()) { // asked every tick by every shard: looked up once a map
            targetedAt = placement.mapVersion();
            targeted = placement.target(group - 1).contains(self());
        }
        return targeted && cluster.members().isMember();
    }

    /** True when another shard's move comes first: shards move one at a time. */
    boolean anotherShardMoving() {
        return placement.anotherMoving(group - 1, this::deadPeer);
    }

    /** The leader this node names to others: itself while it leads, else the one it follows (0 for none). */
    int claimedLeader() {
        return election.isLeader() ? self() : election.leaderId();
    }

    /**
     * A learner of this shard asked this node, which does not lead it, to order something: tell it who does (a
     * WELCOME naming the leader), since nothing else would. A quiet shard sends its learners no PREPARE, and a
     * leader claims only to its replicas, so a learner's view of who leads can stay stale while the old leader lives.
     */
    void pointLearnerToLeader(int from, long now) {
        if (isCluster() || members.current().contains(from)
            || now < pointed.getOrDefault(from, Long.MIN_VALUE) + config().heartbeatMs()) {
            return;
        }
        pointed.put(from, now);
        send(from, new PeerMessage.Welcome(self(), election.epoch(), claimedLeader()));
    }

    /** Sends a message of this group (and tells watchers); nothing once the node stopped. */
    void send(int to, PeerMessage message) {
        node.send(group, to, message);
    }

    /**
     * Sends a message that names its group itself (a history request names the orderer whose writes it wants) on its
     * own, never in a bundle: it is answered off the peer's node thread, which opens no bundle.
     */
    void sendBare(int to, PeerMessage message) {
        node.sendAlone(to, message);
    }

    /** Tells the transport where peers learned of through the protocol can be dialled. */
    void learnAddresses(Map<Integer, String> addresses) {
        node.learnAddresses(addresses);
    }

    void lifecycle(long now, Stage stage, String detail) {
        events.emit(new NodeEvent.Lifecycle(now, self(), stage, detail));
    }

    /** True from start until stop: the node takes part and takes requests. */
    boolean running() {
        return node.running();
    }

    boolean stopped() {
        return node.stopped();
    }

    /**
     * The group starts from what the node stored: its committed state, its configuration and its election's
     * promise; the roles restore their own parts after.
     */
    void start(EventStore.StoredState everything, long now) {
        EventStore.GroupState stored = everything.group(group);
        state.restore(stored, mine(everything.committedSinceSnapshot(), PixelWrite::nodeId),
            mine(everything.accounts(), AccountEntry::nodeId), now);
        lifecycle(now, Stage.RESTORED, replica().committedWrites() + " committed writes, epoch " + stored.epoch());
        if (stored.membership() != null) {
            members.restore(stored.membership());
        }
        if (node.config().forceNewCluster()) {
            forceNewCluster(stored, now);
        }
        if (isCluster()) {
            node.detector().usePeers(members.others());
        }
        election.useMembers(members.current().members());
        election.restore(stored.epoch(), stored.promisedTo());
    }

    /** The items this group ordered, in order (every item, for a node of one group). */
    private <T> List<T> mine(List<T> items, ToIntFunction<T> orderer) {
        return items.stream().filter(item -> node.groupOf(orderer.applyAsInt(item)) == group).toList();
    }

    /**
     * Disaster recovery, asked for explicitly: this node becomes the only member of a configuration numbered well
     * above any it or its in-doubt batches know, so nodes of the old cluster that come back take it on (and find
     * themselves removed) instead of keeping a configuration of their own under the same number.
     */
    private void forceNewCluster(EventStore.GroupState stored, long now) {
        Membership old = members.current();
        long newest = stored.inDoubt().stream().filter(Batch::changesConfig)
            .mapToLong(batch -> batch.config().version()).max().orElse(0);
        Membership alone = new Membership(Math.max(old.version(), newest) + FORCED_VERSION_STEP,
            new TreeMap<>(Map.of(self(), node.config().address())));
        members.adopt(alone);
        lifecycle(now, Stage.FORCED_NEW_CLUSTER, "forced out of configuration " + old.version() + " " + old.members()
            + " into configuration " + alone.version() + " of this node alone, keeping " + replica().committedWrites()
            + " committed writes; writes only the lost members held may be gone");
    }
}
