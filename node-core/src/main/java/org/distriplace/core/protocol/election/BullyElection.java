package org.distriplace.core.protocol.election;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.ElectionStep.Step;
import org.distriplace.core.event.Role;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.message.PeerSender;
import org.distriplace.core.protocol.failure.FailureDetector;

/**
 * The Bully election (Garcia-Molina, "Elections in a Distributed Computing System", 1982), with epochs.
 *
 * <p>A node that finds no live leader sends ELECTION to every higher id; a higher id ANSWERs and takes over (unless
 * it follows a live leader above it, which the candidate asked too and which answers with COORDINATOR); a node
 * that hears no ANSWER in time wins and broadcasts COORDINATOR for a new epoch, higher than any it has seen. A
 * node accepts a leader's claim only for an epoch above the one it promised (or a repeat of the same claim), and
 * refuses everything older, so epochs only grow and each epoch has at most one leader per node's promise. A live
 * node with a higher id than its leader starts an election: the highest live id always ends up leading.
 *
 * <p>"Higher" is by id unless a ranking is given ({@link #useRanking}): a shard's group ranks its replicas as
 * rendezvous hashing does for the shard, so the replica ranked first leads while it lives and a node holding many
 * shards does not lead them all merely for having a high id (ADR 0017).
 *
 * <p>Pure: time and liveness are passed in; messages go to a {@link PeerSender}.
 */
public final class BullyElection {

    /** What the node does when leadership changes. Called on the node's thread. */
    public interface Listener {

        /** This node won {@code epoch}: it must recover the older epochs before proposing. */
        void becameLeader(long epoch, long now);

        /** This node accepted (or re-accepted) {@code leaderId} for {@code epoch}: answer with a PROMISE. */
        void following(int leaderId, long epoch, long now);

        /** This node no longer leads. */
        void steppedDown(long now);

        /** The promised epoch rose; persist it before anything else is sent. */
        void epochChanged(long from, long to, int promisedTo, long now);
    }

    private enum Phase { IDLE, AWAITING_ANSWER, AWAITING_COORDINATOR }

    private final int self;
    private List<Integer> members;
    private List<Integer> higher;
    private List<Integer> others;
    /** How strong each node's claim is; by default its id. */
    private IntToLongFunction strength = id -> id;
    private boolean ranked;
    private boolean member;
    private final long answerTimeoutMs;
    private final long coordinatorTimeoutMs;
    private final PeerSender sender;
    private final EventSink events;
    private final Listener listener;
    private IntPredicate knownDead = peer -> false;

    private long epoch;
    private int promisedTo;
    private int leaderId;
    private Role role = Role.FOLLOWER;
    private Phase phase = Phase.IDLE;
    private long deadline;
    private long maxSeenEpoch;

    /**
     * @param restoredEpoch the epoch this node had promised before it stopped (0 for a new node)
     * @param restoredPromise whom it promised that epoch to (0 for nobody)
     */
    public BullyElection(int self, List<Integer> members, long answerTimeoutMs, long coordinatorTimeoutMs,
                         long restoredEpoch, int restoredPromise,
                         PeerSender sender, EventSink events, Listener listener) {
        this.self = self;
        useMembers(members);
        this.answerTimeoutMs = answerTimeoutMs;
        this.coordinatorTimeoutMs = coordinatorTimeoutMs;
        this.sender = sender;
        this.events = events;
        this.listener = listener;
        restore(restoredEpoch, restoredPromise);
    }

    /**
     * Takes on the epoch this node had promised before it stopped, and to whom (0 and 0 for a new node); called
     * before the election runs.
     */
    public void restore(long restoredEpoch, int restoredPromise) {
        this.epoch = restoredEpoch;
        this.maxSeenEpoch = restoredEpoch;
        this.promisedTo = restoredPromise;
        // A restarted leader lost its in-flight state: it may not lead its old epoch again.
        this.leaderId = restoredPromise == self ? 0 : restoredPromise;
    }

    /** The membership changed: elections go to the new higher ids, claims to every new member. */
    public void useMembers(List<Integer> members) {
        this.members = List.copyOf(members);
        this.higher = members.stream().filter(this::outranksSelf).sorted().toList();
        this.others = members.stream().filter(id -> id != self).sorted().toList();
        this.member = members.contains(self);
    }

    /**
     * Ranks the nodes by {@code ranking} instead of their ids (higher is stronger; ties go to the higher id): who is
     * asked in an election, who bullies whom, whose claim is refused. Every member must use the same ranking.
     */
    public void useRanking(IntToLongFunction ranking) {
        this.strength = ranking;
        this.ranked = true;
        useMembers(members);
    }

    /** True when {@code other} outranks this node. */
    private boolean outranksSelf(int other) {
        long theirs = strength.applyAsLong(other);
        long mine = strength.applyAsLong(self);
        return theirs > mine || theirs == mine && other > self;
    }

    /**
     * Tells the election which peers the failure detector holds DEAD: a candidate does not wait for an ANSWER
     * when every higher id is dead (it would only wait out the answer timeout).
     */
    public void useFailureDetector(IntPredicate isDead) {
        this.knownDead = isDead;
    }

    public long epoch() {
        return epoch;
    }

    public int leaderId() {
        return leaderId;
    }

    public Role role() {
        return role;
    }

    public boolean isLeader() {
        return role == Role.LEADER;
    }

    /** Notes an epoch seen in any message, so the next claim goes above it. */
    public void observe(long seenEpoch) {
        maxSeenEpoch = Math.max(maxSeenEpoch, seenEpoch);
    }

    /**
     * Drives timeouts, and starts an election when there is no live leader or the leader has a lower id.
     *
     * @param electionsAllowed false while the node is still joining (it first listens for the current leader)
     */
    public void tick(long now, FailureDetector detector, boolean electionsAllowed) {
        if (phase == Phase.AWAITING_ANSWER && now >= deadline) {
            win(now);
        } else if (phase == Phase.AWAITING_COORDINATOR && now >= deadline) {
            startElection(now, "no COORDINATOR after ANSWER");
        } else if (phase == Phase.IDLE && electionsAllowed && role != Role.LEADER) {
            if (leaderId == 0) {
                startElection(now, "no leader");
            } else if (detector.isDead(leaderId)) {
                startElection(now, "leader " + leaderId + " failed");
            } else if (!others.contains(leaderId)) {
                startElection(now, "leader " + leaderId + " left the configuration"); // its hand-over: no wait
            } else if (leaderId != self && !outranksSelf(leaderId)) {
                startElection(now, "leader " + leaderId + " has a lower " + rankName());
            }
        }
    }

    /** Starts an election unless this node already leads or is already waiting on one. */
    public void startElection(long now, String reason) {
        if (role == Role.LEADER || !member) {
            return;
        }
        setRole(Role.CANDIDATE, now);
        step(now, Step.STARTED, 0, reason);
        if (higher.stream().allMatch(knownDead::test)) {
            win(now);
            return;
        }
        for (int peer : higher) {
            sender.send(peer, new PeerMessage.Election(self, self, epoch));
        }
        phase = Phase.AWAITING_ANSWER;
        deadline = now + answerTimeoutMs;
    }

    public void onElection(PeerMessage.Election message, long now) {
        observe(message.epoch());
        if (message.nodeId() == self || outranksSelf(message.nodeId()) || !member) {
            return;
        }
        sender.send(message.nodeId(), new PeerMessage.Answer(self, epoch));
        step(now, Step.ANSWERED, message.nodeId(), "");
        if (role == Role.LEADER) {
            sender.send(message.nodeId(), new PeerMessage.Coordinator(self, epoch));
        } else if (phase == Phase.IDLE && !followsLiveHigherLeader()) {
            startElection(now, "ELECTION from lower " + rankName() + " " + message.nodeId());
        }
    }

    /**
     * True when this node follows a leader above it that its failure detector holds alive. An ELECTION from below
     * then only needs bullying: the leader is above the candidate too, so it got the ELECTION as well and answers
     * with COORDINATOR at once, where an election of this node's own would ripple through every id above it (n^2/2
     * messages in a cluster group of n members), only to end with the same leader. Should the leader have failed,
     * this node's own detector starts an election soon anyway.
     */
    private boolean followsLiveHigherLeader() {
        return role == Role.FOLLOWER && leaderId != 0 && outranksSelf(leaderId) && others.contains(leaderId)
            && !knownDead.test(leaderId);
    }

    public void onAnswer(PeerMessage.Answer message, long now) {
        observe(message.epoch());
        if (phase == Phase.AWAITING_ANSWER && outranksSelf(message.nodeId())) {
            phase = Phase.AWAITING_COORDINATOR;
            deadline = now + coordinatorTimeoutMs;
            step(now, Step.ANSWER_RECEIVED, message.nodeId(), "");
        }
    }

    /**
     * A node claims to lead {@code claimedEpoch} (COORDINATOR, or implied by its heartbeat, WELCOME or PREPARE).
     * Returns true when this node now follows it in that epoch.
     */
    public boolean onLeaderClaim(int from, long claimedEpoch, long now, MessageKind via) {
        observe(claimedEpoch);
        if (claimedEpoch == epoch && from == leaderId && role == Role.FOLLOWER) {
            if (via == MessageKind.COORDINATOR) {
                listener.following(from, epoch, now);
            }
            return true;
        }
        if (claimedEpoch < epoch) {
            refuse(from, via, now, "epoch " + claimedEpoch + " is older than " + epoch);
            return false;
        }
        if (from != self && !outranksSelf(from) && member) {
            // A node waiting to join follows whoever leads; it competes only once it is a member.
            refuse(from, via, now, "bully: a higher " + rankName() + " is alive");
            if (role == Role.LEADER && claimedEpoch >= epoch) {
                win(now);
            } else if (role != Role.LEADER && phase == Phase.IDLE) {
                startElection(now, "claim from lower " + rankName() + " " + from);
            }
            return false;
        }
        if (claimedEpoch == epoch && promisedTo != from) {
            refuse(from, via, now, "epoch " + claimedEpoch + " was promised to " + promisedTo);
            return false;
        }
        if (claimedEpoch > epoch) {
            setEpoch(claimedEpoch, from, now);
        }
        boolean wasLeader = role == Role.LEADER;
        leaderId = from;
        phase = Phase.IDLE;
        setRole(Role.FOLLOWER, now);
        if (wasLeader) {
            step(now, Step.STEPPED_DOWN, from, "higher claim");
            listener.steppedDown(now);
        }
        step(now, Step.ACCEPTED_LEADER, from, "via " + via);
        listener.following(from, epoch, now);
        return true;
    }

    /** A peer refused this node's message because it follows a newer epoch (or another leader of this one). */
    public void onRefuse(PeerMessage.Refuse message, long now) {
        observe(message.epoch());
        boolean stale = message.epoch() > epoch || (message.epoch() == epoch && message.leaderId() != self);
        if (role != Role.LEADER || !stale) {
            return;
        }
        if (outranksSelf(message.leaderId())) {
            stepDown(now, "peer " + message.nodeId() + " follows " + message.leaderId() + " in " + message.epoch());
        } else {
            win(now);
        }
    }

    /** Gives up leadership (the node will learn the new leader from its claim). */
    public void stepDown(long now, String reason) {
        if (role != Role.LEADER) {
            return;
        }
        leaderId = 0;
        setRole(Role.FOLLOWER, now);
        phase = Phase.AWAITING_COORDINATOR;
        deadline = now + coordinatorTimeoutMs;
        step(now, Step.STEPPED_DOWN, 0, reason);
        listener.steppedDown(now);
    }

    private void win(long now) {
        long next = Math.max(epoch, maxSeenEpoch) + 1;
        boolean wasLeader = role == Role.LEADER;
        setEpoch(next, self, now);
        leaderId = self;
        phase = Phase.IDLE;
        setRole(Role.LEADER, now);
        step(now, Step.WON, 0, wasLeader ? "reclaimed" : "");
        for (int peer : others) {
            sender.send(peer, new PeerMessage.Coordinator(self, epoch));
        }
        listener.becameLeader(epoch, now);
    }

    /** What "higher" means here, for the election's trace: an id, or a rank. */
    private String rankName() {
        return ranked ? "rank" : "id";
    }

    private void refuse(int to, MessageKind refused, long now, String why) {
        sender.send(to, new PeerMessage.Refuse(self, epoch, leaderId, refused));
        step(now, Step.REFUSED, to, why);
    }

    private void setEpoch(long next, int promise, long now) {
        if (next < epoch) {
            throw new IllegalStateException("epochs only grow: " + epoch + " -> " + next);
        }
        long before = epoch;
        epoch = next;
        promisedTo = promise;
        maxSeenEpoch = Math.max(maxSeenEpoch, next);
        // Stored first, so nothing (not even this event) is observed before the epoch is durable.
        listener.epochChanged(before, next, promise, now);
        events.emit(new NodeEvent.EpochChanged(now, self, before, next, promise));
    }

    private void setRole(Role next, long now) {
        if (next != role) {
            role = next;
            events.emit(new NodeEvent.RoleChanged(now, self, next, leaderId, epoch));
        }
    }

    private void step(long now, Step step, int peer, String detail) {
        events.emit(new NodeEvent.ElectionStep(now, self, step, epoch, peer, detail));
    }
}
