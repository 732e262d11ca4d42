package org.distriplace.core.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.RollbackPlan;
import org.distriplace.core.history.PastReads;
import org.distriplace.core.model.Moderation;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.engine.Engine;

/**
 * A moderator's rollbacks: planned from the history on the history readers' threads ({@link RollbackPlan}), then
 * committed through the cluster as ordinary writes made as {@code mod:NAME}, so every replica agrees and the
 * history shows them as moderation. Restorations go a part at a time (each part's writes batched by the leader).
 * Thread-safe.
 */
public final class Rollbacks {

    /** What a rollback did: the pixels it meant to restore, and those it did. */
    public record Outcome(int planned, int restored) {
    }

    /** Restorations in flight at once: a rollback never crowds players out of a round by much. */
    static final int PART = 2_000;

    private final Engine node;
    private final HistoryReads history;
    private final PastReads past;
    private final Executor readers;

    /** @param readers where the history is read (never the node's thread nor an event loop) */
    public Rollbacks(Engine node, HistoryReads history, PastReads past, Executor readers) {
        this.node = node;
        this.history = history;
        this.past = past;
        this.readers = readers;
    }

    /** Undoes {@code user}'s placements between {@code from} and {@code to} that nobody painted over since. */
    public CompletableFuture<Outcome> ofPlayer(String moderator, String user, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the window ends before it begins"));
        }
        long start = Hlc.pack(from.toEpochMilli(), 0) - 1;
        long end = Hlc.pack(to.toEpochMilli(), Hlc.LOGICAL_MASK);
        return plan(() -> {
            CanvasImage now = node.view().canvas();
            return RollbackPlan.ofPlayer(user, past.between(start, end), past.at(start),
                this::newest, now);
        }).thenCompose(plan -> commit(moderator, plan));
    }

    /** Puts the area (x, y, w, h) back as it was at {@code time}. */
    public CompletableFuture<Outcome> ofArea(String moderator, int x, int y, int w, int h, Instant time) {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > node.settings().width() || y + h > node.settings().height()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the area " + x + "," + y + "," + w
                + "," + h + " is not inside the " + node.settings().width() + "x" + node.settings().height() + " canvas"));
        }
        long stamp = Hlc.pack(time.toEpochMilli(), Hlc.LOGICAL_MASK);
        return plan(() -> RollbackPlan.ofArea(x, y, w, h, past.at(stamp), node.view().canvas()))
            .thenCompose(plan -> commit(moderator, plan));
    }

    private PixelWrite newest(int x, int y) {
        List<PixelWrite> top = history.pixel(x, y, 1, Long.MAX_VALUE);
        return top.isEmpty() ? null : top.get(0);
    }

    private CompletableFuture<List<RollbackPlan.Restore>> plan(Supplier<List<RollbackPlan.Restore>> work) {
        return CompletableFuture.supplyAsync(work, readers).thenApply(plan -> {
            if (plan.size() > RollbackPlan.MAX_PIXELS) {
                throw new IllegalArgumentException("the rollback would restore " + plan.size() + " pixels, more than "
                    + RollbackPlan.MAX_PIXELS + ": roll back a shorter window or a smaller area");
            }
            return plan;
        });
    }

    private CompletableFuture<Outcome> commit(String moderator, List<RollbackPlan.Restore> plan) {
        String user = Moderation.userFor(moderator);
        CompletableFuture<Integer> restored = CompletableFuture.completedFuture(0);
        for (int from = 0; from < plan.size(); from += PART) {
            List<RollbackPlan.Restore> part = plan.subList(from, Math.min(plan.size(), from + PART));
            restored = restored.thenCompose(done -> commitPart(user, part).thenApply(n -> done + n));
        }
        return restored.thenApply(count -> new Outcome(plan.size(), count));
    }

    private CompletableFuture<Integer> commitPart(String user, List<RollbackPlan.Restore> part) {
        List<CompletableFuture<Boolean>> placed = new ArrayList<>();
        for (RollbackPlan.Restore restore : part) {
            placed.add(node.place(user, restore.x(), restore.y(), restore.color()).handle((ok, error) -> ok != null));
        }
        return CompletableFuture.allOf(placed.toArray(CompletableFuture[]::new))
            .thenApply(all -> (int) placed.stream().filter(CompletableFuture::join).count());
    }
}
