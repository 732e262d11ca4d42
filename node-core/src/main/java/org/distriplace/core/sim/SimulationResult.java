package org.distriplace.core.sim;

/**
 * How one simulated run ended.
 *
 * @param violation      the first broken invariant, or null
 * @param virtualMs      virtual time simulated
 * @param events         events executed (message deliveries, timers, client and fault actions)
 * @param committed      distinct writes committed anywhere
 * @param acknowledged   writes whose client was told "committed"
 * @param attempts       placements clients attempted
 * @param convergedAtMs  virtual time all replicas agreed after healing, or -1
 * @param configChanges  configuration changes committed (joins and removals)
 * @param registrations  account registrations whose client was told "registered"
 * @param shardChanges   configuration changes committed in shard groups (shards moving), with shards
 */
public record SimulationResult(long seed, Violation violation, long virtualMs, long events, int committed,
                               int acknowledged, int attempts, long convergedAtMs, int configChanges,
                               SimNetwork.Stats network, int registrations, int shardChanges) {

    public boolean passed() {
        return violation == null;
    }
}
