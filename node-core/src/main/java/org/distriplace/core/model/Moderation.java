package org.distriplace.core.model;

/**
 * Pixel writes a moderator makes (restoring what a rollback undoes) are ordinary writes through the cluster, marked
 * as moderation by their user: {@code mod:NAME}, for the moderator NAME. No player can be such a user (an account
 * is {@code a-z 0-9 _}, a guest {@code guest-…}, an address {@code addr-…}, and clients never choose their id), so
 * history tells moderation apart, and such writes are not held to the cooldown.
 */
public final class Moderation {

    /** What a moderation write's user starts with. */
    public static final String PREFIX = "mod:";

    private Moderation() {
    }

    /** The user moderator {@code name}'s writes are made as. */
    public static String userFor(String name) {
        return PREFIX + name;
    }

    /** True for a moderator's writes. */
    public static boolean isModeration(String user) {
        return user.startsWith(PREFIX);
    }
}
