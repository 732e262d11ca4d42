package org.distriplace.core.node;

import org.distriplace.core.model.Membership;

/**
 * The steps of the protocol that several roles take and that no one role owns: the engine writes each out once,
 * in order, and roles call it here instead of reaching into one another.
 */
interface NodeSteps {

    /**
     * Takes on a committed configuration newer than the one held: stored first, then the failure detector, the
     * election, leadership, the transport and catching up all use it.
     */
    void adoptConfiguration(Membership committed, long now);

    /** The leader here refused a request a client made through this node: its client hears at once. */
    void refuseLocal(long requestId, PlaceException error, long now);
}
