package org.distriplace.core.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.account.AccountBook;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.node.NodeConfig;

/**
 * Invariant 12, one account per name: two registrations of one name acknowledged to clients must be the same
 * committed entry (checked as they are acknowledged), and after healing every live replica holds each acknowledged
 * registration as the one that counts for its name. Invariant 14: after healing, no replica keeps a cooldown grant
 * older than it may (ADR 0017), so grants cannot pile up.
 */
final class AccountChecks {

    private final InvariantChecker checker;
    private final Map<String, AccountEntry> acknowledged = new HashMap<>();

    AccountChecks(InvariantChecker checker) {
        this.checker = checker;
    }

    /** A client was told its registration committed. */
    void acknowledged(AccountEntry entry, long now) {
        AccountEntry earlier = acknowledged.putIfAbsent(entry.change().name(), entry);
        if (earlier != null && !earlier.dot().equals(entry.dot())) {
            checker.fail(Invariant.ACCOUNTS, "two players were told they registered " + entry.change().name() + ": "
                + earlier + " and " + entry, now);
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /**
     * After convergence: no node keeps a grant older than the cooldown and twice the place timeout (what a node keeps
     * on purpose), and two housekeeping rounds, which prune every second.
     */
    void checkGrantsPruned(Map<Integer, Long> oldestGrantAges, NodeConfig config, long now) {
        long boundMs = config.cooldownMs() + 2 * config.placeTimeoutMs() + 2_000;
        oldestGrantAges.forEach((node, age) -> {
            if (age > boundMs && checker.violation() == null) {
                checker.fail(Invariant.GRANTS_PRUNED, "node " + node + " keeps a cooldown grant " + age
                    + " ms old, past the " + boundMs + " ms it may", now);
            }
        });
    }

    /** After convergence: each acknowledged registration is the one that holds on every live replica. */
    void checkAfterHealing(Map<Integer, AccountBook> books, long now) {
        for (AccountEntry entry : acknowledged.values()) {
            for (Map.Entry<Integer, AccountBook> book : new TreeMap<>(books).entrySet()) {
                boolean holds = book.getValue().registration(entry.change().name())
                    .map(held -> held.dot().equals(entry.dot())).orElse(false);
                if (!holds) {
                    checker.fail(Invariant.ACCOUNTS, "acknowledged registration " + entry + " does not hold on node "
                        + book.getKey(), now);
                    return;
                }
            }
        }
    }
}
