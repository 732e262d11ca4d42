package org.distriplace.core.node;

/**
 * Runs tasks on the node's thread after a delay, in real or virtual time. Tasks never run concurrently with each
 * other or with message handling.
 */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} once, {@code delayMs} from now. */
    void schedule(long delayMs, Runnable task);
}
