package org.distriplace.core.event;

/** A node's part in the cluster. */
public enum Role { FOLLOWER, CANDIDATE, LEADER }
