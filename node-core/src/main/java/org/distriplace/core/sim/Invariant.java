package org.distriplace.core.sim;

/**
 * The invariants the simulator checks, numbered as the README and {@code docs/protocol.md} list them. Safety
 * invariants hold on every event; the liveness ones (1, 8) once the network has healed.
 */
public enum Invariant {

    CONVERGENCE(1, "replicas converge after healing"),
    DURABILITY(2, "acknowledged writes survive"),
    EPOCHS(3, "epochs never decrease"),
    ONE_LEADER(4, "one committing leader per epoch"),
    COOLDOWN(5, "cooldown respected"),
    DOTS(6, "one write per dot"),
    ONCE(7, "a request commits at most once"),
    AVAILABLE(8, "the healed cluster commits writes"),
    CONFIGURATIONS(9, "one configuration per version, one node added or removed per change"),
    RETIRED(10, "a removed node never votes or proposes again"),
    HISTORIES(11, "after healing, every replica holds the same history"),
    ACCOUNTS(12, "one account per name: an acknowledged registration holds on every replica"),
    SHARD_OWN(13, "a write commits in its own shard's group, and in no other"),
    GRANTS_PRUNED(14, "after healing, no replica keeps a cooldown grant long past the cooldown"),
    SHARD_MAJORITY(15, "a shard drops a replica only while it holds more than it should");

    private final int number;
    private final String description;

    Invariant(int number, String description) {
        this.number = number;
        this.description = description;
    }

    /** The invariant's number in the documentation. */
    public int number() {
        return number;
    }

    public String description() {
        return description;
    }
}
