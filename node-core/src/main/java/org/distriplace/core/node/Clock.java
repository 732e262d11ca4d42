package org.distriplace.core.node;

/** Milliseconds of wall time, or virtual time in the simulator. Read on the node's thread. */
@FunctionalInterface
public interface Clock {

    long nowMs();
}
