package org.distriplace.core.sim;

import java.util.EnumSet;
import java.util.Set;

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
 * @param joiners            nodes that start outside the cluster during the safety phase (at random times) and ask
 *                           to join it; they are numbered after the initial members
 */
public record ScenarioOptions(int nodes, Set<Faults> faults, long safetyMs, long settleWritesMs,
                              long convergenceBoundMs, int users, long meanThinkMs, long meanFaultGapMs,
                              int canvasSize, long cooldownMs, boolean writeBehind,
                              int joiners) {

    public ScenarioOptions {
        faults = faults.isEmpty() ? EnumSet.noneOf(Faults.class) : EnumSet.copyOf(faults);
        if (nodes < 1 || nodes > 64) {
            throw new IllegalArgumentException("1 to 64 nodes");
        }
        if (joiners < 0 || nodes + joiners > 64) {
            throw new IllegalArgumentException("0 or more joiners, at most 64 nodes in all");
        }
        if (safetyMs < 0 || convergenceBoundMs <= 0 || users < 0) {
            throw new IllegalArgumentException("bad scenario timing");
        }
    }

    /** Five nodes, every fault, 30 s of faults then up to 60 s to converge. */
    public static ScenarioOptions defaults() {
        return new ScenarioOptions(5, EnumSet.allOf(Faults.class), 30_000, 5_000, 60_000, 12, 1_500, 2_500, 16,
            2_000, false, 0);
    }

    public ScenarioOptions withNodes(int count) {
        return new ScenarioOptions(count, faults, safetyMs, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, writeBehind, joiners);
    }

    public ScenarioOptions withFaults(Set<Faults> chosen) {
        return new ScenarioOptions(nodes, chosen, safetyMs, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, writeBehind, joiners);
    }

    public ScenarioOptions withSafetyMs(long ms) {
        return new ScenarioOptions(nodes, faults, ms, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, writeBehind, joiners);
    }

    public ScenarioOptions withJoiners(int count) {
        return new ScenarioOptions(nodes, faults, safetyMs, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, writeBehind, count);
    }

    public ScenarioOptions withWriteBehind(boolean on) {
        return new ScenarioOptions(nodes, faults, safetyMs, settleWritesMs, convergenceBoundMs, users, meanThinkMs,
            meanFaultGapMs, canvasSize, cooldownMs, on, joiners);
    }
}
