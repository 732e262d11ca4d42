package org.distriplace.core.protocol.commit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.distriplace.core.model.AccountEntry;

/**
 * The leader's account changes waiting for a batch: those admitted, and those of an aborted batch, which are
 * proposed again first with the same dots, as aborted writes are (so an aborted batch that a later leader adopts
 * commits the very same entries). Dots continue the leader's own counter. Pure.
 */
final class AccountQueue {

    private final Deque<AcceptedChange> queue = new ArrayDeque<>();
    private final List<AccountEntry> retry = new ArrayList<>();
    private final int self;
    private long lastCounter;

    AccountQueue(int self) {
        this.self = self;
    }

    /**
     * Starts the epoch after its recovery: the counter resumes after the highest of this leader's own entries that
     * may have committed ({@code held} in its book, or adopted), and the adopted entries are the first to propose.
     */
    void resume(long held, List<AccountEntry> adopted) {
        lastCounter = held;
        for (AccountEntry entry : adopted) {
            if (entry.nodeId() == self) {
                lastCounter = Math.max(lastCounter, entry.counter());
            }
        }
        retry.addAll(adopted);
    }

    void enqueue(AcceptedChange change) {
        queue.addLast(change);
    }

    boolean isEmpty() {
        return queue.isEmpty() && retry.isEmpty();
    }

    /** Entries to propose again are all taken (they precede any new entry of this leader). */
    boolean retrying() {
        return !retry.isEmpty();
    }

    /** The entries for the next batch: those to propose again, then new ones (only when none are retried). */
    List<AccountEntry> next(long epoch, long proposalId, boolean takeNew) {
        List<AccountEntry> entries = new ArrayList<>(retry);
        retry.clear();
        while (takeNew && !queue.isEmpty()) {
            entries.add(queue.pollFirst().toEntry(self, ++lastCounter, epoch, proposalId));
        }
        return entries;
    }

    /** An aborted batch's entries, to propose again before anything newer. */
    void again(List<AccountEntry> entries) {
        retry.addAll(0, entries);
    }

    /** Changes never proposed, removed: leadership ends and their clients must hear. */
    List<AcceptedChange> drainUnproposed() {
        List<AcceptedChange> drained = new ArrayList<>(queue);
        queue.clear();
        return drained;
    }

    /** Every change admitted and not yet decided here, queued or to propose again. */
    Stream<AcceptedChange> waiting() {
        return Stream.concat(queue.stream(), retry.stream().map(AcceptedChange::of));
    }
}
