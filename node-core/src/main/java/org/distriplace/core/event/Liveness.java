package org.distriplace.core.event;

/** The failure detector's opinion of a peer. */
public enum Liveness { ALIVE, SUSPECTED, DEAD }
