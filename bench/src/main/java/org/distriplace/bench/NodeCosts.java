package org.distriplace.bench;

import java.io.IOException;

/**
 * What the three nodes spent over a stretch of the benchmark, summed over the nodes and divided by the writes they
 * committed: CPU time (from each process's statistics) and heap allocated (the JVM's own count, which Micrometer
 * serves as {@code jvm_gc_memory_allocated_bytes_total}, plus the young generation's current fill).
 */
final class NodeCosts {

    static final String ALLOCATED = "jvm_gc_memory_allocated_bytes_total";
    static final String USED = "jvm_memory_used_bytes";

    /** The nodes' counters at one moment. */
    record Snapshot(double[] cpuSeconds, double[] allocatedBytes) {
    }

    /** The cost of one committed write, summed over the nodes. */
    record PerWrite(double cpuMicros, double allocatedBytes) {
    }

    private NodeCosts() {
    }

    static Snapshot take(BenchCluster cluster, int nodes) throws IOException, InterruptedException {
        double[] cpu = new double[nodes];
        double[] allocated = new double[nodes];
        for (int id = 1; id <= nodes; id++) {
            cpu[id - 1] = cluster.cpuSeconds(id);
            allocated[id - 1] = allocatedBytes(cluster.metrics(id));
        }
        return new Snapshot(cpu, allocated);
    }

    /** What each of {@code writes} committed writes cost between {@code before} and {@code after}. */
    static PerWrite perWrite(Snapshot before, Snapshot after, double writes) {
        double cpu = 0;
        double allocated = 0;
        for (int i = 0; i < before.cpuSeconds().length; i++) {
            cpu += after.cpuSeconds()[i] - before.cpuSeconds()[i];
            allocated += after.allocatedBytes()[i] - before.allocatedBytes()[i];
        }
        return writes <= 0 ? new PerWrite(0, 0) : new PerWrite(cpu * 1e6 / writes, allocated / writes);
    }

    /**
     * The heap a node allocated so far, read from its Prometheus text: the JVM's count, which grows by the young
     * generation's fill at each collection, plus what the young generation holds now (so the figure does not move
     * in steps of a whole young generation).
     *
     * @throws IllegalArgumentException when the text does not have the count
     */
    static double allocatedBytes(String prometheusText) {
        Double counted = null;
        double eden = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(ALLOCATED + " ") || line.startsWith(ALLOCATED + "{")) {
                counted = value(line);
            } else if (line.startsWith(USED + "{") && line.contains("Eden Space")) {
                eden += value(line);
            }
        }
        if (counted == null) {
            throw new IllegalArgumentException("no " + ALLOCATED + " in the node's metrics");
        }
        return counted + eden;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
