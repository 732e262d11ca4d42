package org.distriplace.core.account;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Dot;
import org.distriplace.core.read.Accounts;

/**
 * A replica's committed account entries: every one ever committed (accounts are few beside pixels, and an account
 * must never be lost, so the whole log is kept and any peer can be sent exactly what it lacks), the version naming
 * them, and what they add up to.
 *
 * <p>What they add up to does not depend on the order entries arrive in, so replicas that took the same entries
 * agree: of two registrations of one name the earlier by {@link AccountEntry#before} holds (the leader refuses a
 * taken name, so a second one is only ever a safety net), and a name's latest ban or unban decides. Entries of one
 * ordering node are taken strictly in counter order, as pixel writes are. Pure; owned by the node's thread.
 */
public final class AccountBook {

    /** What committing one entry did. */
    public enum Applied { APPLIED, DUPLICATE, GAP }

    private final Map<Integer, List<AccountEntry>> logs = new TreeMap<>();
    private final Map<String, AccountEntry> registrations = new HashMap<>();
    private final Map<String, AccountEntry> moderation = new HashMap<>();
    private VectorClock version = VectorClock.EMPTY;
    private Accounts published = Accounts.NONE;
    private boolean changed;

    /** Exactly which entries this book holds. */
    public VectorClock version() {
        return version;
    }

    /** How many entries this book holds. */
    public long size() {
        return version.total();
    }

    public boolean holds(Dot dot) {
        return dot.counter() <= version.get(dot.node());
    }

    /** Takes the next entry of its ordering node; a held one is a duplicate, one that skips ahead a gap. */
    public Applied commit(AccountEntry entry) {
        long have = version.get(entry.nodeId());
        if (entry.counter() <= have) {
            return Applied.DUPLICATE;
        }
        if (entry.counter() != have + 1) {
            return Applied.GAP;
        }
        logs.computeIfAbsent(entry.nodeId(), n -> new ArrayList<>()).add(entry);
        version = version.with(entry.nodeId(), entry.counter());
        fold(entry);
        changed = true;
        return Applied.APPLIED;
    }

    /** True when committing {@code entries} in order would leave no gap. */
    public boolean canExtendWith(List<AccountEntry> entries) {
        Map<Integer, Long> next = new HashMap<>();
        for (AccountEntry entry : entries) {
            long have = next.computeIfAbsent(entry.nodeId(), version::get);
            if (entry.counter() > have + 1) {
                return false;
            }
            next.put(entry.nodeId(), Math.max(have, entry.counter()));
        }
        return true;
    }

    /** The entries held beyond {@code theirs}, node by node in counter order, at most {@code limit}. */
    public List<AccountEntry> entriesBeyond(VectorClock theirs, int limit) {
        List<AccountEntry> missing = new ArrayList<>();
        for (Map.Entry<Integer, List<AccountEntry>> log : logs.entrySet()) {
            List<AccountEntry> entries = log.getValue();
            for (int i = (int) theirs.get(log.getKey()); i < entries.size() && missing.size() < limit; i++) {
                missing.add(entries.get(i));
            }
        }
        return missing;
    }

    /** The registration that holds for {@code name}, if it is registered. */
    public Optional<AccountEntry> registration(String name) {
        return Optional.ofNullable(registrations.get(name));
    }

    public boolean isBanned(String name) {
        AccountEntry latest = moderation.get(name);
        return latest != null && latest.change().kind() == AccountChange.Kind.BAN;
    }

    /** The accounts and bans as an immutable value for readers, rebuilt only after a change. */
    public Accounts snapshot() {
        if (changed) {
            Map<String, Accounts.Account> accounts = new HashMap<>();
            registrations.forEach((name, entry) ->
                accounts.put(name, new Accounts.Account(name, entry.change().detail(), entry.timestamp())));
            Map<String, Accounts.Ban> bans = new HashMap<>();
            moderation.forEach((name, entry) -> {
                if (entry.change().kind() == AccountChange.Kind.BAN) {
                    bans.put(name, new Accounts.Ban(name, entry.change().actor(), entry.change().detail(),
                        entry.timestamp()));
                }
            });
            published = new Accounts(accounts, bans);
            changed = false;
        }
        return published;
    }

    private void fold(AccountEntry entry) {
        if (entry.change().kind() == AccountChange.Kind.GRANT) {
            return; // a cooldown grant is ordered with the accounts but changes none
        }
        Map<String, AccountEntry> table = entry.change().kind() == AccountChange.Kind.REGISTER
            ? registrations : moderation;
        // Registrations: the earliest holds. Bans and unbans: the latest holds.
        table.merge(entry.change().name(), entry, (held, next) ->
            (table == registrations) == next.before(held) ? next : held);
    }
}
