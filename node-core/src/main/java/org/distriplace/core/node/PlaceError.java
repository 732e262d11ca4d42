package org.distriplace.core.node;

/** Why a placement was refused. */
public enum PlaceError {
    /** The coordinates are outside the canvas. */
    OUT_OF_BOUNDS,
    /** The colour is not in the palette. */
    BAD_COLOR,
    /** The user placed a pixel too recently; see {@link PlaceException#remainingMs()}. */
    COOLDOWN,
    /** No majority of the cluster is reachable, or no leader could commit the write in time. */
    NO_QUORUM,
    /** The node is still starting or catching up. */
    NOT_READY,
    /** The account name is taken (registered already, or being registered through another node). */
    NAME_TAKEN,
    /** The player is banned: a moderator stopped their placements. */
    BANNED
}
