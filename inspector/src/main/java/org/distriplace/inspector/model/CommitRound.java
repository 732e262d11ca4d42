package org.distriplace.inspector.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * One two-phase-commit round: a leader's proposal, each node's vote and the decision.
 *
 * @param votes     each node's vote as far as known (the leader's own included)
 * @param decidedAt cluster time of COMMIT or ABORT, or -1 while undecided
 */
public record CommitRound(long epoch, long proposalId, int leader, int size, long startedAt,
                          Map<Integer, Vote> votes, Outcome outcome, long decidedAt) {

    /** A node's vote. */
    public enum Vote { YES, NO }

    /** How the round ended. */
    public enum Outcome { PENDING, COMMIT, ABORT }

    public CommitRound {
        votes = java.util.Collections.unmodifiableMap(new TreeMap<>(votes));
    }

    /** Decision time minus proposal time, or -1 while undecided. */
    public long durationMs() {
        return decidedAt < 0 ? -1 : decidedAt - startedAt;
    }

    public String id() {
        return epoch + "/" + proposalId;
    }

    CommitRound withVote(int node, Vote vote) {
        Map<Integer, Vote> more = new TreeMap<>(votes);
        more.put(node, vote);
        return new CommitRound(epoch, proposalId, leader, size, startedAt, more, outcome, decidedAt);
    }

    CommitRound decided(Outcome how, long at) {
        return new CommitRound(epoch, proposalId, leader, size, startedAt, votes, how, at);
    }

    CommitRound ledBy(int node, int batchSize, long at) {
        return new CommitRound(epoch, proposalId, node, batchSize, Math.min(startedAt, at), votes, outcome,
            decidedAt);
    }
}
