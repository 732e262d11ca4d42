package org.distriplace.core.node;

import java.util.List;
import org.distriplace.core.model.Membership;

/**
 * The newest committed configuration this node holds, and the other members it names. Every role reads it; only
 * {@link #adopt} changes it, storing a newer configuration before anyone uses it. A node outside the cluster's
 * configuration is either joining (it asks to be admitted) or removed (it stays out); outside a shard's (ADR 0017),
 * it is a learner of the shard: it follows its commits without a vote. Owned by the node's thread.
 */
final class MembershipView {

    private final int self;
    private final int group;
    private final EventStore store;
    private boolean asksToJoin;
    private final boolean learnsWhenOutside;
    private boolean leaving;
    private Membership current;
    private List<Integer> others;
    /** Whether {@link #current} names this node: asked several times a tick by every group. */
    private boolean member;

    /**
     * @param group      the group whose configuration this is (0: the cluster's)
     * @param asksToJoin whether this node, when outside the configuration, asks to be admitted
     */
    MembershipView(int self, int group, List<Integer> initialMembers, EventStore store, boolean asksToJoin) {
        this(self, group, initialMembers, store, asksToJoin, false);
    }

    private MembershipView(int self, int group, List<Integer> initialMembers, EventStore store, boolean asksToJoin,
                           boolean learnsWhenOutside) {
        this.self = self;
        this.group = group;
        this.store = store;
        this.asksToJoin = asksToJoin;
        this.learnsWhenOutside = learnsWhenOutside;
        use(Membership.initial(initialMembers));
    }

    /** A shard group's configuration, of {@code replicas} at first: outside it, this node learns the shard. */
    static MembershipView ofShard(int self, int group, List<Integer> replicas, EventStore store) {
        return new MembershipView(self, group, replicas, store, false, true);
    }

    Membership current() {
        return current;
    }

    /** The members other than this node. */
    List<Integer> others() {
        return others;
    }

    /** This node is leaving: once removed, it stays out, whatever it was started with. */
    void stayOutOnceRemoved() {
        asksToJoin = false;
        leaving = true;
    }

    /** True once this node asked to leave (it is on its way out). */
    boolean leaving() {
        return leaving;
    }

    /** True when the configuration names this node (a joiner is not, until admitted). */
    boolean isMember() {
        return member;
    }

    /** True when this node is outside the configuration and asks to be admitted. */
    boolean joining() {
        return !isMember() && asksToJoin;
    }

    /** True when this node is outside a shard's configuration: it learns the shard's commits without a vote. */
    boolean learning() {
        return !isMember() && learnsWhenOutside;
    }

    /** True when this node is outside the configuration and stays out: it was removed, and does not rejoin. */
    boolean removed() {
        return !isMember() && !asksToJoin && !learnsWhenOutside;
    }

    /** Takes on the configuration restored from storage at start. */
    void restore(Membership stored) {
        use(stored);
    }

    /** Takes on {@code committed} if it is newer, storing it first; returns whether it was. */
    boolean adopt(Membership committed) {
        if (committed.version() <= current.version()) {
            return false;
        }
        store.saveMembership(group, committed);
        use(committed);
        return true;
    }

    private void use(Membership membership) {
        current = membership;
        others = othersIn(membership);
        member = membership.contains(self);
    }

    private List<Integer> othersIn(Membership membership) {
        return membership.members().stream().filter(id -> id != self).toList();
    }
}
