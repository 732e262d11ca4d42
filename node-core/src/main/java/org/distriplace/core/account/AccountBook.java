package org.distriplace.core.account;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.PrunedGrants;
import org.distriplace.core.read.Accounts;

/**
 * A replica's committed account entries: every registration, ban and unban ever committed (accounts are few beside
 * pixels, and an account must never be lost, so those are all kept and any peer can be sent exactly what it lacks),
 * the cooldown grants still young enough to matter, the version naming every entry taken, and what they add up to.
 *
 * <p>Grants are one per placement outside a player's home shard (ADR 0017), so they are pruned once older than the
 * cooldown ({@link #pruneGrants}). The version still counts them: a peer that lacks a pruned run is sent the run
 * ({@link PrunedGrants}) and steps over it in order ({@link #skip}).
 *
 * <p>What they add up to does not depend on the order entries arrive in, so replicas that took the same entries
 * agree: of two registrations of one name the earlier by {@link AccountEntry#before} holds (the leader refuses a
 * taken name, so a second one is only ever a safety net), and a name's latest ban or unban decides. Entries of one
 * ordering node are taken strictly in counter order, as pixel writes are. Pure; owned by the node's thread.
 */
public final class AccountBook {

    /** What committing one entry did. */
    public enum Applied { APPLIED, DUPLICATE, GAP }

    /** What a peer lacks: the entries held, and the runs of pruned grants between them, in counter order. */
    public record Missing(List<AccountEntry> entries, List<PrunedGrants> pruned) {

        public boolean isEmpty() {
            return entries.isEmpty() && pruned.isEmpty();
        }
    }

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

    /** How many entries this book has taken, pruned grants included. */
    public long size() {
        return version.total();
    }

    /** How many entries this book keeps: every one taken but the pruned grants. */
    public long kept() {
        return logs.values().stream().mapToLong(List::size).sum();
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
        take(entry);
        return Applied.APPLIED;
    }

    private void take(AccountEntry entry) {
        logs.computeIfAbsent(entry.nodeId(), n -> new ArrayList<>()).add(entry);
        version = version.with(entry.nodeId(), entry.counter());
        fold(entry);
        changed = true;
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

    /**
     * Steps over a run of pruned grants a peer sent: taken when it starts at or before this book's next counter of
     * its node (a duplicate when already passed, a gap when it starts further on).
     */
    public Applied skip(PrunedGrants run) {
        long have = version.get(run.nodeId());
        if (run.last() <= have) {
            return Applied.DUPLICATE;
        }
        if (run.first() > have + 1) {
            return Applied.GAP;
        }
        version = version.with(run.nodeId(), run.last());
        return Applied.APPLIED;
    }

    /**
     * Takes an entry read back from this replica's own store, where counters between two stored entries of one node
     * were taken and then pruned: the store holds nothing that was not taken in order.
     */
    public Applied recover(AccountEntry entry) {
        if (entry.counter() <= version.get(entry.nodeId())) {
            return Applied.DUPLICATE;
        }
        take(entry);
        return Applied.APPLIED;
    }

    /** Drops the grants stamped before {@code stampedBefore} (a hybrid logical clock time); returns how many. */
    public int pruneGrants(long stampedBefore) {
        int pruned = 0;
        for (List<AccountEntry> log : logs.values()) {
            int before = log.size();
            log.removeIf(entry -> entry.change().kind() == AccountChange.Kind.GRANT
                && entry.timestamp() < stampedBefore);
            pruned += before - log.size();
        }
        return pruned;
    }

    /** The stamp of the oldest grant kept, if any (a scan: for checks, not for the node's every tick). */
    public OptionalLong oldestGrant() {
        return logs.values().stream().flatMap(List::stream)
            .filter(entry -> entry.change().kind() == AccountChange.Kind.GRANT)
            .mapToLong(AccountEntry::timestamp).min();
    }

    /**
     * What this book took beyond {@code theirs}: node by node in counter order, the entries it keeps and the runs
     * of pruned grants between and after them, at most {@code limit} of the two together.
     */
    public Missing missingBeyond(VectorClock theirs, int limit) {
        List<AccountEntry> entries = new ArrayList<>();
        List<PrunedGrants> pruned = new ArrayList<>();
        for (int i = 0; i < version.size() && entries.size() + pruned.size() < limit; i++) {
            int node = version.nodeAt(i);
            long cursor = theirs.get(node);
            List<AccountEntry> log = logs.getOrDefault(node, List.of());
            int at = firstAfter(log, cursor);
            for (; at < log.size() && entries.size() + pruned.size() < limit; at++) {
                AccountEntry entry = log.get(at);
                if (entry.counter() > cursor + 1) {
                    pruned.add(new PrunedGrants(node, cursor + 1, entry.counter() - 1));
                }
                entries.add(entry);
                cursor = entry.counter();
            }
            // Counters after the last entry kept were pruned, unless the limit stopped the walk before the end.
            if (at == log.size() && version.counterAt(i) > cursor && entries.size() + pruned.size() < limit) {
                pruned.add(new PrunedGrants(node, cursor + 1, version.counterAt(i)));
            }
        }
        return new Missing(entries, pruned);
    }

    /** The index of the first entry in {@code log} (sorted by counter) whose counter is above {@code counter}. */
    private static int firstAfter(List<AccountEntry> log, long counter) {
        int low = 0;
        int high = log.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (log.get(mid).counter() <= counter) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
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
