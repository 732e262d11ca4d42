package org.distriplace.app.desktop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;

/**
 * The player's placements: which are pending, the cooldown, and the last message. A click places the selected
 * colour; the pixel shows as pending until the cluster commits it, and is rolled back with a readable message if
 * refused. While the cooldown runs (and, when there is a cooldown, while a placement is pending) placing is
 * disabled. Plain Java: answers arrive through {@code ui} (the FX thread in the app, direct in tests).
 */
public final class PlacementModel {

    /** Places one pixel through a node. */
    @FunctionalInterface
    public interface Placer {
        CompletableFuture<PlaceResult> place(String user, int x, int y, Color color);
    }

    /** A placement waiting for its commit. */
    public record Pending(int x, int y, Color color) {
    }

    private final Placer placer;
    private String user;
    private final long cooldownMs;
    private final Executor ui;
    private final LongSupplier clockMs;
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private long cooldownUntil;
    private String message = "";

    /**
     * @param cooldownMs the cluster's cooldown (0: none, and several placements may be pending at once)
     * @param clockMs    physical time in milliseconds, the clock the node's {@code nextPlacementAt} uses
     */
    public PlacementModel(Placer placer, String user, long cooldownMs, Executor ui, LongSupplier clockMs) {
        this.placer = placer;
        this.user = user;
        this.cooldownMs = cooldownMs;
        this.ui = ui;
        this.clockMs = clockMs;
    }

    public String user() {
        return user;
    }

    /** From the next placement on, paints as {@code next} (the player's account, once claimed). On the UI thread. */
    public void setUser(String next) {
        this.user = next;
        changed();
    }

    /** Called (on the UI thread) whenever pending placements, the cooldown or the message change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public List<Pending> pending() {
        return List.copyOf(pending.values());
    }

    public String message() {
        return message;
    }

    /** Milliseconds until the player may place again (0: now). */
    public long cooldownRemainingMs() {
        return Math.max(0, cooldownUntil - clockMs.getAsLong());
    }

    public boolean canPlace() {
        return cooldownRemainingMs() == 0 && (cooldownMs == 0 || pending.isEmpty());
    }

    /** What the cooldown indicator says. */
    public String cooldownText() {
        long remaining = cooldownRemainingMs();
        if (remaining > 0) {
            return String.format(Locale.ROOT, "Next pixel in %.1f s", remaining / 1000.0);
        }
        return canPlace() ? "Ready to place" : "Placing…";
    }

    /** Places {@code color} at (x, y) unless placing is disabled; returns whether it was sent. */
    public boolean place(int x, int y, Color color) {
        if (!canPlace()) {
            message = cooldownRemainingMs() > 0 ? "Wait for the cooldown: " + cooldownText().toLowerCase(
                Locale.ROOT) : "Wait until your pixel is confirmed";
            changed();
            return false;
        }
        int key = y * 65_536 + x;
        pending.put(key, new Pending(x, y, color));
        message = "Placing " + color.hex() + " at (" + x + ", " + y + ")…";
        changed();
        placer.place(user, x, y, color).whenCompleteAsync((result, failure) -> answered(key, x, y, result, failure),
            ui);
        return true;
    }

    private void answered(int key, int x, int y, PlaceResult result, Throwable failure) {
        pending.remove(key);
        if (failure == null) {
            cooldownUntil = Math.max(cooldownUntil, result.nextPlacementAt());
            message = "Placed at (" + x + ", " + y + ")";
        } else {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            message = "Not placed at (" + x + ", " + y + "): " + describe(cause);
            if (cause instanceof PlaceException refused && refused.code() == PlaceError.COOLDOWN) {
                cooldownUntil = clockMs.getAsLong() + refused.remainingMs();
            }
        }
        changed();
    }

    /** A refusal in words a player understands. */
    static String describe(Throwable cause) {
        if (!(cause instanceof PlaceException refused)) {
            return "unexpected error: " + cause;
        }
        return switch (refused.code()) {
            case COOLDOWN -> "cooldown, wait " + refused.remainingSeconds() + " s";
            case NO_QUORUM -> "no majority of the cluster is reachable (no quorum); try again soon";
            case NOT_READY -> "this node is still joining the cluster; try again in a moment";
            case OUT_OF_BOUNDS -> "outside the canvas";
            case BAD_COLOR -> "that colour is not in the palette";
            case NAME_TAKEN -> "that player name is taken";
            case BANNED -> "a moderator banned this player";
        };
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
