package org.distriplace.core.protocol.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.BatchId;
import org.distriplace.core.model.PixelWrite;

/**
 * A participant's side of two-phase commit: the batches it voted for and holds until they are decided
 * ("in doubt"), and the epoch whose leader it last saw propose ({@code installedEpoch}).
 *
 * <p>A leader proposes only after it has recovered every batch of older epochs that may have committed, so the
 * first PREPARE of a newer epoch makes older in-doubt batches obsolete: they are dropped. The caller persists
 * {@link #installedEpoch()} and {@link #inDoubt()} after every change (they survive crashes). Pure.
 */
public final class CommitParticipant {

    private final TreeMap<BatchId, Batch> inDoubt = new TreeMap<>();
    private long installedEpoch;

    public CommitParticipant(long installedEpoch, List<Batch> restoredInDoubt) {
        this.installedEpoch = installedEpoch;
        restoredInDoubt.forEach(batch -> inDoubt.put(batch.id(), batch));
    }

    public long installedEpoch() {
        return installedEpoch;
    }

    public List<Batch> inDoubt() {
        return List.copyOf(inDoubt.values());
    }

    /** Enters the epoch of a PREPARE: drops in-doubt batches of older epochs. Returns whether anything changed. */
    public boolean enterEpoch(long epoch) {
        if (epoch <= installedEpoch) {
            return false;
        }
        installedEpoch = epoch;
        inDoubt.headMap(new BatchId(epoch, Long.MIN_VALUE)).clear();
        return true;
    }

    /** Holds a batch this node votes yes for. */
    public void prepare(Batch batch) {
        enterEpoch(batch.epoch());
        inDoubt.put(batch.id(), batch);
    }

    /** The batch, removed from doubt, if this node holds it. */
    public Optional<Batch> decideCommit(BatchId id) {
        return Optional.ofNullable(inDoubt.remove(id));
    }

    /** Forgets an aborted batch; returns whether it was held. */
    public boolean decideAbort(BatchId id) {
        return inDoubt.remove(id) != null;
    }

    /**
     * Drops batches this replica already holds the effect of (committed here through anti-entropy): all their
     * writes and account entries, and their configuration if any, at or below {@code committedConfigVersion}.
     */
    public boolean discardHeld(Predicate<PixelWrite> held, Predicate<AccountEntry> accountHeld,
                               long committedConfigVersion) {
        List<BatchId> done = new ArrayList<>();
        inDoubt.forEach((id, batch) -> {
            boolean configHeld = !batch.changesConfig() || batch.config().version() <= committedConfigVersion;
            if (configHeld && batch.writes().stream().allMatch(held)
                && batch.accounts().stream().allMatch(accountHeld)) {
                done.add(id);
            }
        });
        done.forEach(inDoubt::remove);
        return !done.isEmpty();
    }
}
