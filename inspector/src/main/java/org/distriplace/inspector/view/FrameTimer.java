package org.distriplace.inspector.view;

import java.util.function.LongConsumer;
import javafx.animation.AnimationTimer;

/**
 * One frame per screen refresh, told how much real time passed since the last: a slow frame (a large window drawn
 * in software) still moves time on, up to {@link InspectorPane#MAX_FRAME_MS}, so time jumps stay easy to follow.
 */
final class FrameTimer extends AnimationTimer {

    /** What the first frame after a start is told: one refresh at 60 Hz. */
    private static final long FIRST_FRAME_MS = 16;

    private final LongConsumer frame;
    private long last;

    /** @param frame given the real milliseconds that passed, on the JavaFX thread */
    FrameTimer(LongConsumer frame) {
        this.frame = frame;
    }

    @Override
    public void start() {
        last = 0;
        super.start();
    }

    @Override
    public void handle(long nanos) {
        long elapsed = last == 0 ? FIRST_FRAME_MS : Math.min(InspectorPane.MAX_FRAME_MS, (nanos - last) / 1_000_000);
        last = nanos;
        frame.accept(elapsed);
    }
}
