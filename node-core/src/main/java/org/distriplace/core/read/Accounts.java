package org.distriplace.core.read;

import java.util.Map;
import java.util.Optional;

/**
 * The cluster's accounts and bans as one replica has committed them: immutable, published to readers off the
 * node's thread (logins are checked against it).
 *
 * @param registered each account by name
 * @param banned     each banned account by name, with the ban that holds
 */
public record Accounts(Map<String, Account> registered, Map<String, Ban> banned) {

    /** No accounts at all. */
    public static final Accounts NONE = new Accounts(Map.of(), Map.of());

    public Accounts {
        registered = Map.copyOf(registered);
        banned = Map.copyOf(banned);
    }

    /** One account: its name (its user id), its password hash, and when it was created (HLC time). */
    public record Account(String name, String passwordHash, long createdAt) {
        @Override
        public String toString() {
            return "account " + name;
        }
    }

    /** A ban in force: who banned the account, why, and when (HLC time). */
    public record Ban(String name, String by, String reason, long at) {
    }

    public Optional<Account> account(String name) {
        return Optional.ofNullable(registered.get(name));
    }

    public boolean isBanned(String name) {
        return banned.containsKey(name);
    }
}
