package org.distriplace.core.protocol.commit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.PixelWrite;

/**
 * A new leader finishing the epochs before its own, before it proposes anything: the role Paxos's first phase
 * plays (Lamport, "Paxos Made Simple", 2001), as in Viewstamped Replication's view change.
 *
 * <p>It collects PROMISEs from a majority of the membership (itself included). Any batch that committed in an
 * older epoch was held by a majority, so at least one promiser holds it, either committed (its version shows it:
 * the leader pulls what it lacks before it is ready) or still in doubt. Among in-doubt batches only those of the
 * newest epoch any promiser entered can have committed (a later epoch's leader already adopted everything older
 * that could have), so those are adopted and proposed again in the new epoch; older ones are dropped. Pure.
 */
public final class LeaderRecovery {

    private final long epoch;
    private final int quorum;
    private final Map<Integer, PeerMessage.Promise> promises = new TreeMap<>();

    public LeaderRecovery(long epoch, int membership) {
        this.epoch = epoch;
        this.quorum = membership / 2 + 1;
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

    public boolean hasQuorum() {
        return promises.size() >= quorum;
    }

    /** Promisers holding committed writes that {@code mine} lacks: the leader must sync from them first. */
    public List<Integer> promisersAhead(VectorClock mine) {
        List<Integer> ahead = new ArrayList<>();
        promises.forEach((id, promise) -> {
            if (!promise.version().isCoveredBy(mine)) {
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
        long deciding = decidingEpoch();
        Map<Dot, PixelWrite> adopted = new TreeMap<>();
        promises.values().stream()
            .map(PeerMessage.Promise::inDoubt)
            .flatMap(Collection::stream)
            .filter(batch -> batch.epoch() == deciding)
            .flatMap(batch -> batch.writes().stream())
            .forEach(write -> adopted.putIfAbsent(write.dot(), write));
        List<PixelWrite> ordered = new ArrayList<>(adopted.values());
        ordered.sort(Comparator.comparing(PixelWrite::dot));
        return ordered;
    }
}
