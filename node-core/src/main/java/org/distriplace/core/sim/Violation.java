package org.distriplace.core.sim;

/**
 * A broken invariant.
 *
 * @param detail what was seen, naming nodes, writes or epochs
 * @param atMs   virtual time of detection
 */
public record Violation(Invariant invariant, String detail, long atMs) {

    @Override
    public String toString() {
        return "invariant " + invariant.number() + " (" + invariant.description() + ") at " + atMs + " ms: " + detail;
    }
}
