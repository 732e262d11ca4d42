package org.distriplace.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.PrunedGrants;
import org.junit.jupiter.api.Test;

class AccountBookTest {

    private static final int LEADER = 3;

    /** Node 3's entries 1..8: grants stamped 10..80, but 3 and 6 are registrations. */
    private static List<AccountEntry> mixedLog() {
        return List.of(grant(1, 10), grant(2, 20), register(3, "carol", 30), grant(4, 40), grant(5, 50),
            register(6, "dave", 60), grant(7, 70), grant(8, 80));
    }

    private static AccountEntry grant(long counter, long stamp) {
        return new AccountEntry(AccountChange.grant("p" + counter), 1, counter, stamp, LEADER, counter, 1, counter);
    }

    private static AccountEntry register(long counter, String name, long stamp) {
        return new AccountEntry(AccountChange.register(name, "h"), 1, counter, stamp, LEADER, counter, 1, counter);
    }

    private static AccountBook bookOf(List<AccountEntry> entries) {
        AccountBook book = new AccountBook();
        entries.forEach(book::commit);
        return book;
    }

    @Test
    void pruningDropsOnlyOldGrantsAndKeepsTheVersion() {
        AccountBook book = bookOf(mixedLog());
        assertEquals(5, book.pruneGrants(75));
        assertEquals(VectorClock.EMPTY.with(LEADER, 8), book.version());
        assertEquals(3, book.kept(), "two registrations and the young grant");
        assertEquals(8, book.size());
        assertTrue(book.holds(new Dot(LEADER, 4)), "a pruned grant is still held: it is never taken again");
        assertTrue(book.registration("carol").isPresent() && book.registration("dave").isPresent());
        assertEquals(AccountBook.Applied.DUPLICATE, book.commit(grant(5, 50)));
        assertEquals(AccountBook.Applied.APPLIED, book.commit(grant(9, 90)));
    }

    @Test
    void aPeerLackingPrunedGrantsIsSentRunsAndStepsOverThemInOrder() {
        AccountBook pruned = bookOf(mixedLog());
        pruned.pruneGrants(75);
        AccountBook.Missing missing = pruned.missingBeyond(VectorClock.EMPTY.with(LEADER, 1), 100);
        assertEquals(List.of(new PrunedGrants(LEADER, 2, 2), new PrunedGrants(LEADER, 4, 5),
            new PrunedGrants(LEADER, 7, 7)), missing.pruned());
        assertEquals(List.of(3L, 6L, 8L), missing.entries().stream().map(AccountEntry::counter).toList());

        AccountBook behind = bookOf(mixedLog().subList(0, 1));
        assertEquals(AccountBook.Applied.GAP, behind.commit(missing.entries().get(0)), "not before the run");
        for (int i = 0; i < 3; i++) {
            assertEquals(AccountBook.Applied.APPLIED, behind.skip(missing.pruned().get(i)));
            assertEquals(AccountBook.Applied.DUPLICATE, behind.skip(missing.pruned().get(i)));
            assertEquals(AccountBook.Applied.APPLIED, behind.commit(missing.entries().get(i)));
        }
        assertEquals(pruned.version(), behind.version());
        assertEquals(pruned.snapshot().registered().keySet(), behind.snapshot().registered().keySet());
    }

    @Test
    void grantsPrunedAfterTheLastKeptEntryAreARunToo() {
        AccountBook book = bookOf(mixedLog());
        book.pruneGrants(1_000);
        AccountBook.Missing missing = book.missingBeyond(VectorClock.EMPTY.with(LEADER, 6), 100);
        assertEquals(List.of(), missing.entries());
        assertEquals(List.of(new PrunedGrants(LEADER, 7, 8)), missing.pruned());
        assertTrue(book.missingBeyond(book.version(), 100).isEmpty());
    }

    @Test
    void aWalkCutShortByTheLimitNeverCallsWhatItDidNotSendPruned() {
        AccountBook book = bookOf(mixedLog());
        book.pruneGrants(45); // 1, 2 and 4 go; 5, 7 and 8 stay
        AccountBook.Missing first = book.missingBeyond(VectorClock.EMPTY, 2);
        assertEquals(List.of(new PrunedGrants(LEADER, 1, 2)), first.pruned());
        assertEquals(List.of(3L), first.entries().stream().map(AccountEntry::counter).toList());
        AccountBook behind = new AccountBook();
        first.pruned().forEach(behind::skip);
        first.entries().forEach(behind::commit);
        assertEquals(VectorClock.EMPTY.with(LEADER, 3), behind.version(), "no claim beyond what was sent");
        AccountBook.Missing rest = book.missingBeyond(behind.version(), 100);
        assertEquals(List.of(new PrunedGrants(LEADER, 4, 4)), rest.pruned());
        assertEquals(List.of(5L, 6L, 7L, 8L), rest.entries().stream().map(AccountEntry::counter).toList());
    }

    @Test
    void aRunThatStartsBeyondTheNextCounterIsAGap() {
        AccountBook book = bookOf(mixedLog().subList(0, 2));
        assertEquals(AccountBook.Applied.GAP, book.skip(new PrunedGrants(LEADER, 4, 5)));
        assertEquals(AccountBook.Applied.DUPLICATE, book.skip(new PrunedGrants(LEADER, 1, 2)));
        assertEquals(AccountBook.Applied.APPLIED, book.skip(new PrunedGrants(LEADER, 2, 5)), "overlapping is fine");
        assertEquals(5, book.version().get(LEADER));
    }

    @Test
    void recoveringFromStorageStepsOverWhatWasPruned() {
        AccountBook book = new AccountBook();
        for (AccountEntry stored : List.of(register(3, "carol", 30), register(6, "dave", 60), grant(8, 80))) {
            assertEquals(AccountBook.Applied.APPLIED, book.recover(stored));
        }
        assertEquals(AccountBook.Applied.DUPLICATE, book.recover(grant(7, 70)));
        assertEquals(VectorClock.EMPTY.with(LEADER, 8), book.version());
        assertFalse(book.registration("carol").isEmpty());
        assertEquals(AccountBook.Applied.APPLIED, book.commit(grant(9, 90)));
    }
}
