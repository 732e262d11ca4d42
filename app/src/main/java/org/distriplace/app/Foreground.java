package org.distriplace.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A headless service's life in the foreground: it runs until SIGTERM (Ctrl-C), and the JVM waits for it to close
 * cleanly (at most {@link #CLOSE_SECONDS}) before it exits.
 */
final class Foreground implements AutoCloseable {

    static final long CLOSE_SECONDS = 15;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    private Foreground() {
    }

    /** Registers the shutdown hook: from now on SIGTERM ends {@link #await} and waits for {@link #close}. */
    static Foreground untilStopped() {
        Foreground life = new Foreground();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            life.stopped.countDown();
            try {
                life.closed.await(CLOSE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        return life;
    }

    /** Returns when the process is told to stop. */
    void await() throws InterruptedException {
        stopped.await();
    }

    /** The service has closed: the JVM may exit. */
    @Override
    public void close() {
        closed.countDown();
    }
}
