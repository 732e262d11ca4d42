package org.distriplace.core.sim;

/**
 * A broken invariant.
 *
 * @param invariant 1 convergence, 2 durability of acknowledged writes, 3 monotonic epochs, 4 one leader per
 *                  epoch, 5 cooldown, 6 one write per dot, 7 each client request commits at most once, 8 the
 *                  healed cluster commits writes through every node, 9 one configuration per version, each
 *                  adding one node to the one before
 * @param atMs      virtual time of detection
 */
public record Violation(int invariant, String name, String detail, long atMs) {

    public static final String CONVERGENCE = "replicas converge after healing";
    public static final String DURABILITY = "acknowledged writes survive";
    public static final String EPOCHS = "epochs never decrease";
    public static final String ONE_LEADER = "one committing leader per epoch";
    public static final String COOLDOWN = "cooldown respected";
    public static final String DOTS = "one write per dot";
    public static final String ONCE = "a request commits at most once";
    public static final String AVAILABLE = "the healed cluster commits writes";
    public static final String CONFIGURATIONS = "one configuration per version, one node added per change";

    @Override
    public String toString() {
        return "invariant " + invariant + " (" + name + ") at " + atMs + " ms: " + detail;
    }
}
