package org.distriplace.core.protocol.commit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PixelWrite;

/**
 * A new leader finishing the epochs before its own, before it proposes anything: the role Paxos's first phase
 * plays (Lamport, "Paxos Made Simple", 2001), as in Viewstamped Replication's view change.
 *
 * <p>It collects PROMISEs from a majority of the membership (itself included). Any batch that committed in an
 * older epoch was held by a majority, so at least one promiser holds it, either committed (its version shows it:
 * the leader pulls what it lacks before it is ready) or still in doubt. Among in-doubt batches only those of the
 * newest epoch any promiser entered can have committed (a later epoch's leader already adopted everything older
 * that could have), so those are adopted and proposed again in the new epoch; older ones are dropped.
 *
 * <p>The majority is of the newest configuration the leader hears of, from its own state or any promise, committed
 * or in doubt: a configuration that may have committed was voted for by a majority of the one before it, so a
 * majority of that one includes a node that reports it, and the leader then waits for a majority of the newer one
 * (docs/protocol.md, "Membership changes"). Pure.
 */
public final class LeaderRecovery {

    private final long epoch;
    private final Membership own;
    private final Map<Integer, PeerMessage.Promise> promises = new TreeMap<>();

    /** @param own the newest configuration the leader itself holds (committed or in doubt) */
    public LeaderRecovery(long epoch, Membership own) {
        this.epoch = epoch;
        this.own = own;
    }

    public long epoch() {
        return epoch;
    }

    /** Records a promise for this recovery's epoch; others are ignored. */
    public void onPromise(PeerMessage.Promise promise) {
        if (promise.epoch() == epoch) {
            promises.put(promise.nodeId(), promise);
        }
    }

    /** Drops a promiser that failed (its writes must then come from another majority). */
    public void forget(int peer) {
        promises.remove(peer);
    }

    public Set<Integer> promised() {
        return promises.keySet();
    }

    /** The newest configuration heard of, committed or in doubt anywhere: the one whose majority must promise. */
    public Membership newestConfig() {
        Membership newest = newestCommitted();
        for (PeerMessage.Promise promise : promises.values()) {
            for (Batch batch : promise.inDoubt()) {
                newest = newest.newer(batch.config());
            }
        }
        return newest;
    }

    /** The newest configuration a promiser (or the leader) holds as committed: the leader takes it on. */
    public Membership newestCommitted() {
        Membership newest = own;
        for (PeerMessage.Promise promise : promises.values()) {
            newest = newest.newer(promise.config());
        }
        return newest;
    }

    public boolean hasQuorum() {
        Membership newest = newestConfig();
        return promises.keySet().stream().filter(newest::contains).count() >= newest.quorum();
    }

    /**
     * The configuration to propose again with the adopted writes: the newest one held in doubt in the deciding
     * epoch, if it is newer than {@code committed}; otherwise null.
     */
    public Membership adoptedConfig(Membership committed) {
        long deciding = decidingEpoch();
        Membership newest = committed;
        for (PeerMessage.Promise promise : promises.values()) {
            for (Batch batch : promise.inDoubt()) {
                if (batch.epoch() == deciding) {
                    newest = newest.newer(batch.config());
                }
            }
        }
        return newest == committed ? null : newest;
    }

    /**
     * Promisers holding committed writes or account entries that the leader lacks ({@code mine}, {@code
     * myAccounts}): it must sync from them first (so it refuses no name it should, and orders no write twice).
     */
    public List<Integer> promisersAhead(VectorClock mine, VectorClock myAccounts) {
        List<Integer> ahead = new ArrayList<>();
        promises.forEach((id, promise) -> {
            if (!promise.version().isCoveredBy(mine) || !promise.accounts().isCoveredBy(myAccounts)) {
                ahead.add(id);
            }
        });
        return ahead;
    }

    /** The newest epoch any promiser entered or holds a batch of: the only one whose batches may be adopted. */
    public long decidingEpoch() {
        long newest = 0;
        for (PeerMessage.Promise promise : promises.values()) {
            newest = Math.max(newest, promise.installedEpoch());
            for (Batch batch : promise.inDoubt()) {
                newest = Math.max(newest, batch.epoch());
            }
        }
        return newest;
    }

    /** The writes to propose again: in-doubt writes of the deciding epoch, once each, in dot order. */
    public List<PixelWrite> adoptedWrites() {
        return adopted(Batch::writes, PixelWrite::dot);
    }

    /** The account entries to propose again: in-doubt ones of the deciding epoch, once each, in dot order. */
    public List<AccountEntry> adoptedAccounts() {
        return adopted(Batch::accounts, AccountEntry::dot);
    }

    private <T> List<T> adopted(Function<Batch, List<T>> part, Function<T, Dot> dot) {
        long deciding = decidingEpoch();
        Map<Dot, T> adopted = new TreeMap<>();
        promises.values().stream()
            .map(PeerMessage.Promise::inDoubt)
            .flatMap(Collection::stream)
            .filter(batch -> batch.epoch() == deciding)
            .flatMap(batch -> part.apply(batch).stream())
            .forEach(item -> adopted.putIfAbsent(dot.apply(item), item));
        return new ArrayList<>(adopted.values());
    }
}
