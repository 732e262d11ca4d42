package org.distriplace.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.distriplace.core.account.AccountBook;
import org.distriplace.core.canvas.CanvasReplica;
import org.distriplace.core.canvas.Replica;
import org.distriplace.core.canvas.TileState;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.HybridLogicalClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.model.PrunedGrants;
import org.distriplace.core.protocol.cooldown.CooldownLedger;
import org.distriplace.core.protocol.shard.Shard;

/**
 * One group's committed state, and everything that must happen whenever it grows: the replica, durable storage
 * (written before anyone is told), the cooldown record, and the node's hybrid logical clock moved on. Whoever must
 * hear of new writes subscribes (the node's waiting clients, its readers). Owned by the node's thread.
 */
final class CommittedState {

    /** What committing a list of writes did: the writes new here, and whether one skipped ahead (a gap). */
    record Outcome(List<PixelWrite> applied, boolean gap) {
    }

    /** Told of what this replica commits, on the node's thread. */
    interface Subscriber {

        /** Writes new on this replica, in commit order (they are stored already). */
        default void committed(List<PixelWrite> applied) {
        }

        /** Many pixels changed at once: full state merged, or the replica restored from storage. */
        default void reloaded() {
        }

        /** Account entries new on this replica (they are stored already). */
        default void accountsCommitted(List<AccountEntry> applied) {
        }
    }

    private final long requestWindowMs;
    private final Replica replica;
    private final AccountBook accounts = new AccountBook();
    private final CooldownLedger cooldowns;
    private final HybridLogicalClock hlc;
    private final int group;
    private final EventStore store;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final RecentRequests recentRequests = new RecentRequests(200_000);
    private final int snapshotEveryWrites;
    private long writesAtSnapshot;

    /**
     * @param group the group whose state this is, which its snapshots are stored under
     * @param area  the part of the canvas its replica holds (the whole canvas, or a shard's rectangle)
     * @param hlc   the node's hybrid logical clock, which every write and entry committed here moves on
     */
    CommittedState(NodeConfig config, int group, Shard area, EventStore store, HybridLogicalClock hlc) {
        this.group = group;
        this.hlc = hlc;
        // Origins give up on a request after the place timeout; twice that covers clocks a little apart.
        this.requestWindowMs = 2 * config.placeTimeoutMs();
        this.snapshotEveryWrites = config.snapshotEveryWrites();
        this.replica = new Replica(new CanvasReplica(area.x(), area.y(), area.width(), area.height(),
            config.tileSize(), config.palette()), config.logRetention());
        this.cooldowns = new CooldownLedger(config.cooldownMs());
        this.store = store;
    }

    Replica replica() {
        return replica;
    }

    AccountBook accounts() {
        return accounts;
    }

    CooldownLedger cooldowns() {
        return cooldowns;
    }

    /** A fresh hybrid logical clock timestamp. */
    long stamp(long now) {
        return hlc.now(now);
    }

    /** Merges a timestamp seen in a peer's message. */
    void observe(long timestamp, long now) {
        hlc.observe(timestamp, now);
    }

    void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    /**
     * Rebuilds the replica from storage: the group's last snapshot, then the group's writes logged after it (those
     * the snapshot covers are duplicates here), and the account entries the group ordered.
     */
    void restore(EventStore.GroupState stored, List<PixelWrite> log, List<AccountEntry> accountEntries, long now) {
        if (stored.snapshot() != null) {
            replica.mergeFullState(stored.snapshot().tiles(), stored.snapshot().version());
            cooldowns.mergeCommitted(stored.snapshot().cooldowns());
            recentRequests.addAll(stored.snapshot().recentRequests(), hlc.now(now));
            stored.snapshot().tiles().forEach(tile -> observeNewest(tile, now));
        }
        writesAtSnapshot = replica.committedWrites();
        apply(log, now);
        List<AccountEntry> entries = new ArrayList<>();
        applyAccounts(accountEntries, now, entries, accounts::recover); // its own store: pruned grants leave gaps
        subscribers.forEach(Subscriber::reloaded);
        subscribers.forEach(subscriber -> subscriber.accountsCommitted(entries));
    }

    /**
     * Commits writes in order and stores the new ones in one transaction (before anyone learns of them); every
     * {@code snapshotEveryWrites} writes, also stores a snapshot, so a restart replays little.
     */
    Outcome commit(List<PixelWrite> writes, long now) {
        Outcome outcome = apply(writes, now);
        if (!outcome.applied().isEmpty()) {
            store.appendCommitted(outcome.applied());
            if (replica.committedWrites() - writesAtSnapshot >= snapshotEveryWrites) {
                saveSnapshot(now);
            }
        }
        return outcome;
    }

    private Outcome apply(List<PixelWrite> writes, long now) {
        List<PixelWrite> applied = new ArrayList<>();
        boolean gap = false;
        for (PixelWrite write : writes) {
            Replica.Applied result = replica.commit(write);
            if (result == Replica.Applied.APPLIED) {
                hlc.observe(write.timestamp(), now);
                cooldowns.recordCommitted(write.user(), write.timestamp());
                recentRequests.add(write.origin(), write.requestId(), write.timestamp());
                applied.add(write);
            }
            gap |= result == Replica.Applied.GAP;
        }
        return new Outcome(applied, gap);
    }

    /**
     * Commits account entries in order and stores the new ones (before anyone learns of them); returns whether one
     * skipped ahead (a gap, for anti-entropy to fill). Subscribers hear of the new ones at once: they are durable
     * before any effect of them is seen.
     */
    boolean commitAccounts(List<AccountEntry> entries, long now) {
        List<AccountEntry> applied = new ArrayList<>();
        boolean gap = applyAccounts(entries, now, applied, accounts::commit);
        stored(applied, now);
        return gap;
    }

    /** Stores entries new here and tells subscribers (durable before any effect of them is seen). */
    private void stored(List<AccountEntry> applied, long now) {
        if (applied.isEmpty()) {
            return;
        }
        store.appendAccounts(applied);
        subscribers.forEach(subscriber -> subscriber.accountsCommitted(applied));
        pruneIfPastUse(applied, now);
    }

    /**
     * A grant that committed only once past its use (a batch long in doubt, a peer's late answer) is pruned at once,
     * as housekeeping would a second later.
     */
    private void pruneIfPastUse(List<AccountEntry> applied, long now) {
        long oldestGrant = applied.stream().filter(entry -> entry.change().kind() == AccountChange.Kind.GRANT)
            .mapToLong(AccountEntry::timestamp).min().orElse(Long.MAX_VALUE);
        long nowMs = Math.max(now, Hlc.physical(hlc.peek())); // a peek: checking must not move the clock
        if (oldestGrant != Long.MAX_VALUE && oldestGrant < grantsPrunedBefore(nowMs)) {
            pruneGrants(now);
        }
    }

    /**
     * Commits what anti-entropy sent: entries, and runs of pruned grants stepped over in their place, node by node in
     * counter order; returns whether one skipped ahead.
     */
    boolean commitAccounts(List<AccountEntry> entries, List<PrunedGrants> pruned, long now) {
        if (pruned.isEmpty()) {
            return commitAccounts(entries, now);
        }
        List<AccountEntry> applied = new ArrayList<>();
        boolean gap = false;
        int next = 0;
        for (PrunedGrants run : pruned) {
            int upTo = next;
            while (upTo < entries.size() && before(entries.get(upTo), run)) {
                upTo++;
            }
            gap |= applyAccounts(entries.subList(next, upTo), now, applied, accounts::commit);
            gap |= accounts.skip(run) == AccountBook.Applied.GAP;
            next = upTo;
        }
        gap |= applyAccounts(entries.subList(next, entries.size()), now, applied, accounts::commit);
        stored(applied, now);
        return gap;
    }

    private static boolean before(AccountEntry entry, PrunedGrants run) {
        return entry.nodeId() != run.nodeId() ? entry.nodeId() < run.nodeId() : entry.counter() < run.first();
    }

    /**
     * Drops the cooldown grants that can no longer space a placement, here and in storage (ADR 0017): those older
     * than the cooldown, with the request window to spare for clocks a little apart.
     */
    void pruneGrants(long now) {
        long stampedBefore = grantsPrunedBefore(Hlc.physical(hlc.now(now)));
        if (stampedBefore > 0 && accounts.pruneGrants(stampedBefore) > 0) {
            store.pruneGrants(stampedBefore);
        }
    }

    /**
     * Grants stamped before this can no longer space a placement (0 early on, when none can be that old), at
     * {@code nowMs} on the physical clock.
     */
    private long grantsPrunedBefore(long nowMs) {
        long physical = nowMs - cooldowns.cooldownMs() - requestWindowMs;
        return physical > 0 ? Hlc.pack(physical, 0) : 0;
    }

    /**
     * Takes the entries {@code book} accepts ({@link AccountBook#commit}, or {@link AccountBook#recover} from this
     * replica's own store) into {@code applied}; returns whether one skipped ahead.
     */
    private boolean applyAccounts(List<AccountEntry> entries, long now, List<AccountEntry> applied,
                                  Function<AccountEntry, AccountBook.Applied> book) {
        boolean gap = false;
        for (AccountEntry entry : entries) {
            AccountBook.Applied result = book.apply(entry);
            if (result == AccountBook.Applied.APPLIED) {
                hlc.observe(entry.timestamp(), now);
                if (entry.change().kind() == AccountChange.Kind.GRANT) {
                    cooldowns.recordCommitted(entry.change().name(), entry.timestamp()); // the next grant waits
                }
                applied.add(entry);
            }
            gap |= result == AccountBook.Applied.GAP;
        }
        return gap;
    }

    /** Requests committed within the window in which origins may still send them again. */
    Map<Integer, List<Long>> recentRequestsAt(long stamp) {
        return recentRequests.since(Hlc.physical(stamp) - requestWindowMs);
    }

    /** True when this replica committed the client request recently (a re-sent request must not commit twice). */
    boolean committedRequest(int origin, long requestId) {
        return recentRequests.contains(origin, requestId);
    }

    /** Tells subscribers about writes that {@link #commit} applied. */
    void announce(List<PixelWrite> applied) {
        if (!applied.isEmpty()) {
            subscribers.forEach(subscriber -> subscriber.committed(applied));
        }
    }

    /**
     * Merges one part of full state from a peer; once the last part arrived ({@code complete}), takes the peer's
     * version and cooldowns and stores the whole canvas as a snapshot. Returns how many pixels changed.
     */
    int mergeFullState(PeerMessage.SyncResponse response, boolean complete, long now) {
        int changed = replica.mergeTiles(response.tiles());
        response.tiles().forEach(tile -> observeNewest(tile, now));
        if (complete) {
            replica.adoptVersion(response.version());
            cooldowns.mergeCommitted(response.cooldowns());
            recentRequests.addAll(response.recentRequests(), hlc.now(now));
            saveSnapshot(now);
        }
        subscribers.forEach(Subscriber::reloaded);
        return changed;
    }

    /** Stores the whole canvas, its version and what tiles cannot say, as a compressed snapshot. */
    void saveSnapshot(long now) {
        List<TileState> everything = new ArrayList<>();
        for (int tile = 0; tile < replica.canvas().tileCount(); tile++) {
            everything.add(replica.canvas().tile(tile));
        }
        long stamp = hlc.now(now);
        store.saveSnapshot(group, new EventStore.Snapshot(everything, replica.version(), cooldowns.recent(stamp),
            recentRequestsAt(stamp)));
        writesAtSnapshot = replica.committedWrites();
    }

    private void observeNewest(TileState tile, long now) {
        long newest = 0;
        for (long timestamp : tile.timestamps()) {
            newest = Math.max(newest, timestamp);
        }
        if (newest > 0) {
            hlc.observe(newest, now);
        }
    }
}
