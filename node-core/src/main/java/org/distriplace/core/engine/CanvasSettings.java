package org.distriplace.core.engine;

import java.util.Objects;
import org.distriplace.core.model.Palette;

/**
 * The canvas an engine serves and its rule for players: its size, its palette and the cooldown between a player's
 * placements. Every server of one canvas (node or edge) shares them.
 */
public record CanvasSettings(int width, int height, Palette palette, long cooldownMs) {

    public CanvasSettings {
        Objects.requireNonNull(palette, "palette");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("canvas must be at least 1x1");
        }
        if (cooldownMs < 0) {
            throw new IllegalArgumentException("the cooldown cannot be negative");
        }
    }
}
