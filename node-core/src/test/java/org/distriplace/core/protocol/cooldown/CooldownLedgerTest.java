package org.distriplace.core.protocol.cooldown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.distriplace.core.clock.Hlc;
import org.junit.jupiter.api.Test;

class CooldownLedgerTest {

    private final CooldownLedger ledger = new CooldownLedger(5_000);

    @Test
    void aCommittedWriteStartsTheCooldown() {
        assertEquals(0, ledger.remainingMs("alice", Hlc.pack(1_000, 0)));
        ledger.recordCommitted("alice", Hlc.pack(1_000, 3));
        assertEquals(4_000, ledger.remainingMs("alice", Hlc.pack(2_000, 0)));
        assertEquals(0, ledger.remainingMs("alice", Hlc.pack(6_000, 0)), "exactly one cooldown later is allowed");
        assertEquals(0, ledger.remainingMs("bob", Hlc.pack(2_000, 0)));
    }

    @Test
    void chargesAtTheLeaderCountUntilReleased() {
        ledger.charge("alice", Hlc.pack(1_000, 0));
        assertEquals(5_000, ledger.remainingMs("alice", Hlc.pack(1_000, 1)));
        ledger.release("alice", Hlc.pack(1_000, 0));
        assertEquals(0, ledger.remainingMs("alice", Hlc.pack(1_000, 1)));
        ledger.charge("bob", Hlc.pack(1_000, 0));
        ledger.releaseAllCharges();
        assertEquals(0, ledger.remainingMs("bob", Hlc.pack(1_000, 1)));
    }

    @Test
    void recentEntriesTravelWithFullStateAndOldOnesArePruned() {
        ledger.recordCommitted("old", Hlc.pack(1_000, 0));
        ledger.recordCommitted("new", Hlc.pack(9_000, 0));
        assertEquals(Map.of("new", Hlc.pack(9_000, 0)), ledger.recent(Hlc.pack(10_000, 0)));
        ledger.prune(Hlc.pack(10_000, 0));
        assertEquals(1, ledger.size());
        CooldownLedger other = new CooldownLedger(5_000);
        other.mergeCommitted(ledger.recent(Hlc.pack(10_000, 0)));
        assertEquals(4_000, other.remainingMs("new", Hlc.pack(10_000, 0)));
    }
}
