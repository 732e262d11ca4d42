package org.distriplace.inspector.feed;

import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.sim.ScenarioOptions;

/**
 * How a simulated demo cluster ({@link SimulatedCluster}) is set up.
 *
 * @param link     how every link behaves (a visible latency, so arrows can be followed in slow motion)
 * @param sharding the canvas's shards ({@link ScenarioOptions.Sharding#NONE}: one, held by every node)
 */
public record DemoSettings(int nodes, long seed, int canvasSize, int users, long meanThinkMs, long heartbeatMs,
                           long failureTimeoutMs, LinkConditions link, ScenarioOptions.Sharding sharding) {

    public DemoSettings(int nodes, long seed, int canvasSize, int users, long meanThinkMs, long heartbeatMs,
                        long failureTimeoutMs, LinkConditions link) {
        this(nodes, seed, canvasSize, users, meanThinkMs, heartbeatMs, failureTimeoutMs, link,
            ScenarioOptions.Sharding.NONE);
    }

    /** These settings with the canvas cut into {@code sharding}'s shards. */
    public DemoSettings withSharding(ScenarioOptions.Sharding cut) {
        return new DemoSettings(nodes, seed, canvasSize, users, meanThinkMs, heartbeatMs, failureTimeoutMs, link,
            cut);
    }

    /** A classroom cluster: heartbeats every second, a peer dead after 3 s, 10-40 ms links, 3 busy users. */
    public static DemoSettings demo(int nodes, long seed) {
        return demo(nodes, seed, 3_000);
    }

    /** The classroom cluster with another failure timeout; heartbeats come three times within it. */
    public static DemoSettings demo(int nodes, long seed, long failureTimeoutMs) {
        return new DemoSettings(nodes, seed, 32, 3, 2_500, Math.max(100, failureTimeoutMs / 3), failureTimeoutMs,
            new LinkConditions(0, 10, 40, 0, false));
    }
}
