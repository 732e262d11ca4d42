package org.distriplace.inspector.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.NodeEvent.CommitPhase;

/**
 * The two-phase-commit timeline, built from the leader's phases (PREPARE_SENT, VOTE_RECEIVED, COMMIT, ABORT) and
 * each participant's own VOTE_YES / VOTE_NO, whichever arrives first.
 */
public final class CommitRounds {

    private record Key(long epoch, long proposalId) {
    }

    private final int capacity;
    private final Map<Key, CommitRound> rounds = new LinkedHashMap<>();

    CommitRounds(int capacity) {
        this.capacity = capacity;
    }

    void accept(CommitPhase e) {
        Key key = new Key(e.epoch(), e.proposalId());
        boolean fromLeader = e.phase() != CommitPhase.Phase.VOTE_YES && e.phase() != CommitPhase.Phase.VOTE_NO;
        int leader = fromLeader ? e.node() : e.peer();
        CommitRound round = rounds.computeIfAbsent(key, k -> new CommitRound(e.epoch(), e.proposalId(), leader,
            e.batchSize(), e.at(), Map.of(), CommitRound.Outcome.PENDING, -1));
        if (e.phase() == CommitPhase.Phase.PREPARE_SENT) {
            round = round.ledBy(e.node(), e.batchSize(), e.at());
        }
        for (int yes : e.yes()) {
            round = round.withVote(yes, CommitRound.Vote.YES);
        }
        for (int no : e.no()) {
            round = round.withVote(no, CommitRound.Vote.NO);
        }
        switch (e.phase()) {
            case VOTE_YES -> round = round.withVote(e.node(), CommitRound.Vote.YES);
            case VOTE_NO -> round = round.withVote(e.node(), CommitRound.Vote.NO);
            case COMMIT -> round = round.decided(CommitRound.Outcome.COMMIT, e.at());
            case ABORT -> round = round.decided(CommitRound.Outcome.ABORT, e.at());
            default -> {
                // PREPARE_SENT, PREPARED and VOTE_RECEIVED carry only votes
            }
        }
        rounds.put(key, round);
        trim();
    }

    /** A node that committed a round shows that the round committed even if the leader's word was missed. */
    void accept(NodeEvent.Committed e) {
        CommitRound round = rounds.get(new Key(e.epoch(), e.proposalId()));
        if (round != null && round.outcome() == CommitRound.Outcome.PENDING) {
            rounds.put(new Key(e.epoch(), e.proposalId()), round.decided(CommitRound.Outcome.COMMIT, e.at()));
        }
    }

    private void trim() {
        Iterator<Key> oldest = rounds.keySet().iterator();
        while (rounds.size() > capacity && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The rounds remembered, newest first. */
    public List<CommitRound> newestFirst() {
        List<CommitRound> list = new ArrayList<>(rounds.values());
        Collections.reverse(list);
        return list;
    }

    public int size() {
        return rounds.size();
    }
}
