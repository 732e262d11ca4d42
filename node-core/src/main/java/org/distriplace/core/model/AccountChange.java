package org.distriplace.core.model;

import java.util.Objects;

/**
 * A change to the cluster's accounts, ordered by the leader like a pixel write: a registration, or a moderator's
 * ban or unban. Accounts are not kept per node: every change goes through two-phase commit, so every replica holds
 * the same accounts and bans.
 *
 * @param kind   what changes
 * @param name   the account concerned (a name is the account's user id)
 * @param detail a registration's password hash; a ban's or unban's reason
 * @param actor  who asked: the player registering, or the moderator
 */
public record AccountChange(Kind kind, String name, String detail, String actor) {

    /** What an account change does. */
    public enum Kind {
        /** Creates an account; refused when the name is taken. */
        REGISTER,
        /** Stops an account's placements everywhere. */
        BAN,
        /** Lets a banned account place again. */
        UNBAN,
        /**
         * A player's next placement, granted by the shard its name hashes to (its home shard, ADR 0017) so that the
         * cooldown holds across every shard; the placement then commits in its own shard with the grant's stamp.
         */
        GRANT
    }

    public AccountChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(actor, "actor");
    }

    /** A cooldown grant for {@code user}'s next placement. */
    public static AccountChange grant(String user) {
        return new AccountChange(Kind.GRANT, user, "", user);
    }

    /** A registration of {@code name} with its password hash. */
    public static AccountChange register(String name, String passwordHash) {
        return new AccountChange(Kind.REGISTER, name, passwordHash, name);
    }

    @Override
    public String toString() {
        // Never the hash: changes are shown in the inspector and logs.
        return kind + " " + name + (kind == Kind.REGISTER ? "" : " by " + actor);
    }
}
