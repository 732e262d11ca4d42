package org.distriplace.core.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.account.AccountBook;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.protocol.cooldown.CooldownLedger;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.PlacementTimes;
import org.distriplace.core.read.ReadView;

/**
 * Keeps the node's readers up to date: after each commit it builds the next {@link ReadView}, copying only the
 * canvas bands the commit touched and extending the placement times, and hands it, with the committed pixels, to
 * the {@link CommitFeed} once durable. The copying is the only read work left on the node's thread, and it is
 * proportional to what changed. Owned by the node's thread.
 */
final class ReadPublisher implements CommittedState.Subscriber {

    /** The placement times are rebuilt once they hold this many more users than the cooldown ledger. */
    private static final int PRUNE_SLACK = 1_024;

    private final WholeCanvas canvas;
    private final List<CooldownLedger> cooldowns;
    private final AccountBook accounts;
    private final DurabilityGate gate;
    private final CommitFeed feed;
    private CanvasImage image;
    private PlacementTimes placements = PlacementTimes.EMPTY;

    /**
     * @param canvas    every replica the node holds, between them the whole canvas
     * @param cooldowns the ledgers of the groups that order writes (one per shard): placements are their union
     */
    ReadPublisher(NodeConfig config, WholeCanvas canvas, List<CooldownLedger> cooldowns, AccountBook accounts,
                  DurabilityGate gate, CommitFeed feed) {
        this.canvas = canvas;
        this.cooldowns = List.copyOf(cooldowns);
        this.accounts = accounts;
        this.gate = gate;
        this.feed = feed;
        this.image = CanvasImage.blank(config.width(), config.height(), config.palette());
        feed.publish(view());
    }

    @Override
    public void committed(List<PixelWrite> applied) {
        byte[][] changed = new byte[image.bandCount()][];
        boolean[] newest = new boolean[applied.size()];
        for (int i = 0; i < applied.size(); i++) {
            PixelWrite write = applied.get(i);
            int band = image.bandOf(write.y());
            if (changed[band] == null) {
                changed[band] = copyBand(band);
            }
            placements = placements.with(write.user(), write.timestamp());
            newest[i] = canvas.stampAt(write.x(), write.y()).equals(write.stamp());
        }
        image = image.withBands(changed);
        ReadView view = view();
        gate.run(() -> {
            feed.publish(view);
            for (int i = 0; i < applied.size(); i++) {
                feed.committed(applied.get(i), newest[i]);
            }
        });
    }

    @Override
    public void reloaded() {
        byte[][] every = new byte[image.bandCount()][];
        for (int band = 0; band < every.length; band++) {
            every[band] = copyBand(band);
        }
        image = image.withBands(every);
        placements = PlacementTimes.of(committedPlacements());
        ReadView view = view();
        gate.run(() -> {
            feed.publish(view);
            feed.reloaded();
        });
    }

    /** Account entries committed: readers see the new accounts and bans once they are durable. */
    @Override
    public void accountsCommitted(List<AccountEntry> applied) {
        if (!applied.isEmpty()) {
            ReadView view = view();
            gate.run(() -> feed.publish(view));
        }
    }

    /** Forgets placements the cooldown ledger pruned, once enough have gone that rebuilding is worth it. */
    void prune() {
        int ledgers = cooldowns.stream().mapToInt(CooldownLedger::size).sum();
        if (placements.size() > 2 * ledgers + PRUNE_SLACK) {
            placements = PlacementTimes.of(committedPlacements());
        }
    }

    /** Each player's newest committed placement, over every group's ledger. */
    private Map<String, Long> committedPlacements() {
        if (cooldowns.size() == 1) {
            return cooldowns.get(0).committed();
        }
        Map<String, Long> newest = new HashMap<>();
        cooldowns.forEach(ledger -> ledger.committed().forEach((user, stamp) -> newest.merge(user, stamp, Math::max)));
        return newest;
    }

    private byte[] copyBand(int band) {
        int first = image.firstRow(band);
        return canvas.copyRows(first, Math.min(image.bandRows(), image.height() - first));
    }

    private ReadView view() {
        return new ReadView(image, canvas.version(), canvas.stateHashHex(), canvas.committedWrites(), placements,
            cooldowns.get(0).cooldownMs(), accounts.snapshot());
    }
}
