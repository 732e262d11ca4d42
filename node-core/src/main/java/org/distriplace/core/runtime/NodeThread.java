package org.distriplace.core.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one thread that owns a node's state (an actor): every task runs there, in order, and what a task throws goes to
 * {@code onFailure}, which stops the node rather than leave it half-changed. It can be paused, as a long GC pause or
 * SIGSTOP would freeze a process: tasks then wait, in order, until it resumes. Thread-safe.
 */
final class NodeThread {

    private final ScheduledExecutorService thread;
    private final Consumer<RuntimeException> onFailure;
    /** While true no task runs: they wait in {@link #held}, which only the node's thread touches. */
    private volatile boolean paused;
    private final ArrayDeque<Runnable> held = new ArrayDeque<>();

    /** @param onFailure called on the node's thread with what a task threw (it should {@link #shutdown} the thread) */
    NodeThread(String name, Consumer<RuntimeException> onFailure) {
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        });
        this.onFailure = onFailure;
    }

    /** Runs {@code task} on the node's thread; false when the thread has ended. */
    boolean execute(Runnable task) {
        try {
            thread.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /** Runs {@code task} on the node's thread after {@code delayMs}; nothing once the thread has ended. */
    void schedule(long delayMs, Runnable task) {
        try {
            thread.schedule(guarded(task), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // The node was closed: its timers simply stop.
        }
    }

    /** {@code work}'s result, computed on the node's thread; fails at once if the thread has ended. */
    <T> CompletableFuture<T> call(Supplier<T> work, String stopped) {
        CompletableFuture<T> result = new CompletableFuture<>();
        boolean queued = execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        if (!queued) {
            result.completeExceptionally(new IllegalStateException(stopped));
        }
        return result;
    }

    void pause() {
        paused = true;
    }

    /** Ends a pause: the held work runs, in order, on the node's thread. */
    void resume() {
        try {
            thread.execute(() -> {
                paused = false;
                for (Runnable task; (task = held.poll()) != null; ) {
                    guarded(task).run();
                }
            });
        } catch (RejectedExecutionException stopped) {
            paused = false;
        }
    }

    boolean isPaused() {
        return paused;
    }

    /** How many tasks wait for the thread to resume. */
    int heldWork() {
        CompletableFuture<Integer> count = new CompletableFuture<>();
        try {
            // Counted on the node's thread, where the queue lives: a task that bypasses the pause.
            thread.execute(() -> count.complete(held.size()));
        } catch (RejectedExecutionException stopped) {
            return 0;
        }
        return count.join();
    }

    /** Takes no more work; what was queued still runs. */
    void shutdown() {
        thread.shutdown();
    }

    /** Waits up to {@code seconds} for the queued work to end, then interrupts what still runs. */
    void awaitEnd(long seconds) {
        try {
            if (!thread.awaitTermination(seconds, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }

    boolean isTerminated() {
        return thread.isTerminated();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            if (paused) {
                // Frozen, as by a long GC pause or SIGSTOP: the work waits, in order, until the node resumes.
                held.add(task);
                return;
            }
            try {
                task.run();
            } catch (RuntimeException failure) {
                onFailure.accept(failure);
            }
        };
    }
}
