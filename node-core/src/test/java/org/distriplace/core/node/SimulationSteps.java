package org.distriplace.core.node;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.distriplace.core.sim.Simulation;

/** Drives a simulation one event at a time until a condition holds, for scenario tests; fails past a deadline. */
final class SimulationSteps {

    private static final long FUTURE_DEADLINE_MS = 30_000;

    private final Simulation sim;

    SimulationSteps(Simulation sim) {
        this.sim = sim;
    }

    /** Runs events until {@code condition} holds, failing if it takes more than {@code maxVirtualMs}. */
    void runUntil(BooleanSupplier condition, long maxVirtualMs) {
        long deadline = sim.now() + maxVirtualMs;
        while (!condition.getAsBoolean()) {
            assertTrue(sim.now() < deadline, "condition not met within " + maxVirtualMs + " virtual ms");
            assertTrue(sim.step(), "simulation ran out of events");
        }
    }

    /** The future's value, once the simulation has completed it. */
    <T> T await(CompletableFuture<T> future) {
        runUntil(future::isDone, FUTURE_DEADLINE_MS);
        return future.join();
    }

    /** The placement's refusal, once the simulation has completed it (failing if it succeeded). */
    PlaceException refusal(CompletableFuture<PlaceResult> future) {
        runUntil(future::isDone, FUTURE_DEADLINE_MS);
        return assertInstanceOf(PlaceException.class, future.handle((r, e) -> e).join());
    }
}
