package org.distriplace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a node keeps of the peers whose settings differ: bounded text, forgotten once not heard of for a while. */
class SettingsAgreementTest {

    private static final ClusterSettings MINE = ClusterSettings.of(10, 10, List.of("#FFFFFF"), 0, 1_000, Set.of());

    @Test
    void aConflictIsForgottenOnceThePeerIsNotHeardOfAndAPeersWordsAreBounded() {
        AtomicLong now = new AtomicLong(1_000);
        SettingsAgreement agreement = new SettingsAgreement(MINE, now::get);
        ObjectNode hello = JsonNodeFactory.instance.objectNode();
        hello.set("settings", ClusterSettings.of(10, 10, List.of("#FFFFFF"), 0, 2_000, Set.of()).toJson());
        assertTrue(agreement.refusal(2, hello).isPresent());
        agreement.refusedBy(3, SettingsAgreement.REFUSAL + "x".repeat(100_000) + "\n\u0007");
        agreement.refusedBy(4, "wrong secret");
        Map<Integer, String> conflicts = agreement.conflicts();
        assertEquals(Set.of(2, 3), conflicts.keySet(), "only refusals about the settings");
        assertTrue(conflicts.get(3).length() < 1_100 && !conflicts.get(3).contains("\n"), "bounded, one line");

        now.addAndGet(SettingsAgreement.FORGET_AFTER_MS - 1);
        assertTrue(agreement.refusal(2, hello).isPresent(), "node 2 tries again: still in conflict");
        now.addAndGet(2);
        assertEquals(Set.of(2), agreement.conflicts().keySet(), "node 3, not heard of since, is forgotten");
        agreement.agreed(2);
        assertEquals(Map.of(), agreement.conflicts());
    }
}
