package org.distriplace.core.sim;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.protocol.shard.ShardGrid;

/**
 * What one simulated scenario looks like; the seed decides everything else.
 *
 * @param nodes              cluster size
 * @param faults             faults injected during the safety phase
 * @param safetyMs           virtual length of the safety phase (faults on, clients writing)
 * @param settleWritesMs     how long clients keep writing once the network healed
 * @param convergenceBoundMs how long after healing every replica must agree
 * @param users              distinct clients
 * @param meanThinkMs        mean time between one client's attempts
 * @param meanFaultGapMs     mean time between fault actions
 * @param canvasSize         side of the (square) canvas; small, so writes collide
 * @param cooldownMs         the cluster's cooldown
 * @param writeBehind        nodes write a slow disk behind them (as the threaded runtime writes SQLite), holding
 *                           their effects until their writes are durable; a crash loses what was still queued
 * @param churn              members coming and going during the safety phase
 * @param sharding           how the canvas is cut into shards, and how many replicas hold each (ADR 0017)
 */
public record ScenarioOptions(int nodes, Set<Faults> faults, long safetyMs, long settleWritesMs,
                              long convergenceBoundMs, int users, long meanThinkMs, long meanFaultGapMs,
                              int canvasSize, long cooldownMs, boolean writeBehind, Churn churn, Sharding sharding) {

    /**
     * The canvas cut into {@code columns × rows} shards of {@code replicas} replicas each; {@link #NONE} is one
     * shard every member holds, as before shards existed.
     */
    public record Sharding(int columns, int rows, int replicas) {

        public static final Sharding NONE = new Sharding(1, 1, 3);

        public Sharding {
            if (columns < 1 || rows < 1 || replicas < 1) {
                throw new IllegalArgumentException("shards and replicas: at least one");
            }
        }

        public boolean sharded() {
            return columns * rows > 1;
        }

        /** {@code COLSxROWS} (as {@code simulate --shards} takes it) for the scenario's canvas, of {@code replicas}. */
        public static Sharding parse(String layout, int replicas) {
            int side = defaults().canvasSize();
            ShardGrid grid = ShardGrid.parse(layout, side, side);
            return new Sharding(grid.cols(), grid.rows(), replicas);
        }
    }

    /**
     * Membership changes during the safety phase, each at a random moment, under every fault.
     *
     * @param joiners           nodes that start outside the cluster and ask to join it; numbered after the members
     * @param leavers           members that leave (ask for their own removal, then stop whether or not it commits)
     * @param removals          operator removals: a member asks for another's removal (up, down or cut off)
     * @param autoRemoveAfterMs leaders remove members silent this long (0: never)
     */
    public record Churn(int joiners, int leavers, int removals, long autoRemoveAfterMs) {

        public static final Churn NONE = new Churn(0, 0, 0, 0);

        public Churn {
            if (joiners < 0 || leavers < 0 || removals < 0 || autoRemoveAfterMs < 0) {
                throw new IllegalArgumentException("churn counts and times are not negative");
            }
            // A leaver that gives up stays a dead member; auto-removal of the others could then leave fewer live
            // members than a majority for real, which only --force-new-cluster (never automatic) recovers from.
            if (leavers > 0 && autoRemoveAfterMs > 0) {
                throw new IllegalArgumentException("leavers and automatic removal are simulated apart");
            }
        }
    }

    public ScenarioOptions {
        faults = faults.isEmpty() ? EnumSet.noneOf(Faults.class) : EnumSet.copyOf(faults);
        // A sharded cluster spreads the work; seed 1's thousand nodes run in minutes (ADR 0017, stage 7).
        int most = sharding.sharded() ? 1_000 : 64;
        if (nodes < 1 || nodes > most) {
            throw new IllegalArgumentException("1 to " + most + " nodes" + (sharding.sharded() ? "" : " (1,000 with"
                + " --shards)"));
        }
        if (nodes + churn.joiners() > most) {
            throw new IllegalArgumentException("at most " + most + " nodes in all, joiners included");
        }
        // Even if every leave fails and every removal takes a live node, a majority of members stays alive.
        if (2 * (churn.leavers() + churn.removals()) > nodes - 1) {
            throw new IllegalArgumentException("leavers and removals together are at most (nodes - 1) / 2");
        }
        if (sharding.sharded() && churn.leavers() + churn.removals() + churn.autoRemoveAfterMs() > 0) {
            throw new IllegalArgumentException("a sharded cluster takes joiners, but keeps its members until a "
                + "departing node's shards can move off it first (ADR 0017)");
        }
        if (safetyMs < 0 || convergenceBoundMs <= 0 || users < 0) {
            throw new IllegalArgumentException("bad scenario timing");
        }
    }

    /** Five nodes, every fault, 30 s of faults then up to 60 s to converge. */
    /** How a simulated node of this scenario is configured (before any tuning). */
    NodeConfig.Builder nodeConfig(int id, List<Integer> members) {
        return NodeConfig.builder(id, members)
            .canvas(canvasSize, canvasSize)
            .tileSize(4)
            .cooldownMs(cooldownMs)
            .tickMs(20)
            // Small limits make far-behind replicas take the full-state path, and large answers come in parts.
            .maxDeltaWrites(60)
            .maxWritesPerMessage(25)
            .maxTilesPerMessage(5)
            .logRetention(120)
            // Frequent snapshots: restarted nodes restore from snapshot plus the writes after it.
            .snapshotEveryWrites(25)
            .autoRemoveAfterMs(churn.autoRemoveAfterMs())
            .shards(sharding.columns(), sharding.rows())
            .replicas(sharding.replicas());
    }

    public static ScenarioOptions defaults() {
        return new ScenarioOptions(5, EnumSet.allOf(Faults.class), 30_000, 5_000, 60_000, 12, 1_500, 2_500, 16,
            2_000, false, Churn.NONE, Sharding.NONE);
    }

    /** Nodes that start outside the cluster during the run and ask to join it. */
    public int joiners() {
        return churn.joiners();
    }

    public ScenarioOptions withNodes(int count) {
        return new ScenarioOptions(count, faults, safetyMs, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, writeBehind, churn, sharding);
    }

    public ScenarioOptions withFaults(Set<Faults> chosen) {
        return new ScenarioOptions(nodes, chosen, safetyMs, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, writeBehind, churn, sharding);
    }

    public ScenarioOptions withSafetyMs(long ms) {
        return new ScenarioOptions(nodes, faults, ms, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, writeBehind, churn, sharding);
    }

    public ScenarioOptions withChurn(Churn changes) {
        return new ScenarioOptions(nodes, faults, safetyMs, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, writeBehind, changes, sharding);
    }

    public ScenarioOptions withJoiners(int count) {
        return withChurn(new Churn(count, churn.leavers(), churn.removals(), churn.autoRemoveAfterMs()));
    }

    public ScenarioOptions withSharding(Sharding cut) {
        return new ScenarioOptions(nodes, faults, safetyMs, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, writeBehind, churn, cut);
    }

    public ScenarioOptions withWriteBehind(boolean on) {
        return new ScenarioOptions(nodes, faults, safetyMs, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, on, churn, sharding);
    }

    /** The {@code simulate} options that give this scenario (after {@code --seed}). */
    String commandLineArguments() {
        return " --nodes " + nodes + " --faults " + Faults.format(faults) + " --duration " + safetyMs / 1000
            + (writeBehind ? " --write-behind" : "")
            + (churn.joiners() > 0 ? " --joiners " + churn.joiners() : "")
            + (churn.leavers() > 0 ? " --leavers " + churn.leavers() : "")
            + (churn.removals() > 0 ? " --removals " + churn.removals() : "")
            + (churn.autoRemoveAfterMs() > 0 ? " --auto-remove-after-ms " + churn.autoRemoveAfterMs() : "")
            + (sharding.sharded() ? " --shards " + sharding.columns() + "x" + sharding.rows() + " --replicas "
                + sharding.replicas() : "");
    }
}
