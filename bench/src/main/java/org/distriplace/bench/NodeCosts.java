package org.distriplace.bench;

import java.io.IOException;

/**
 * What the three nodes spent over a stretch of the benchmark, summed over the nodes and divided by the writes they
 * committed: CPU time (from each process's statistics), heap allocated (the JVM's own count, which Micrometer
 * serves as {@code jvm_gc_memory_allocated_bytes_total}, plus the young generation's current fill), bytes written
 * to disk, and the store's group commits (each one SQLite transaction, one sync of its write-ahead log).
 */
final class NodeCosts {

    static final String ALLOCATED = "jvm_gc_memory_allocated_bytes_total";
    static final String USED = "jvm_memory_used_bytes";
    static final String COMMITS = "distriplace_storage_transaction_seconds_count";
    static final String COMMIT_BUCKETS = "distriplace_storage_transaction_seconds_bucket";
    static final String JIT_SECONDS = "jvm_compilation_time_seconds_total";

    /** The nodes' counters at one moment. */
    record Snapshot(double[] cpuSeconds, double[] allocatedBytes, double[] diskBytes, double[] commits,
                    double[] slowCommits, double[] jitMs) {
    }

    /**
     * The cost of one committed write, summed over the nodes; and, over the stretch and all nodes, the group
     * commits, those slower than 100 ms, and the milliseconds the JIT compilers worked.
     */
    record PerWrite(double cpuMicros, double allocatedBytes, double diskBytes, double commits, double slowCommits,
                    double jitMs) {
    }

    private NodeCosts() {
    }

    static Snapshot take(BenchCluster cluster, int nodes) throws IOException, InterruptedException {
        double[] cpu = new double[nodes];
        double[] allocated = new double[nodes];
        double[] disk = new double[nodes];
        double[] commits = new double[nodes];
        double[] slow = new double[nodes];
        double[] jit = new double[nodes];
        for (int id = 1; id <= nodes; id++) {
            cpu[id - 1] = cluster.cpuSeconds(id);
            String metrics = cluster.metrics(id);
            allocated[id - 1] = allocatedBytes(metrics);
            commits[id - 1] = counter(metrics, COMMITS);
            slow[id - 1] = commits[id - 1] - bucket(metrics, COMMIT_BUCKETS, "0.1");
            jit[id - 1] = counter(metrics, JIT_SECONDS) * 1000;
            disk[id - 1] = cluster.diskWriteBytes(id);
        }
        return new Snapshot(cpu, allocated, disk, commits, slow, jit);
    }

    /** What each of {@code writes} committed writes cost between {@code before} and {@code after}. */
    static PerWrite perWrite(Snapshot before, Snapshot after, double writes) {
        double cpu = 0;
        double allocated = 0;
        double disk = 0;
        double commits = 0;
        double slow = 0;
        double jit = 0;
        for (int i = 0; i < before.cpuSeconds().length; i++) {
            slow += after.slowCommits()[i] - before.slowCommits()[i];
            jit += after.jitMs()[i] - before.jitMs()[i];
            cpu += after.cpuSeconds()[i] - before.cpuSeconds()[i];
            allocated += after.allocatedBytes()[i] - before.allocatedBytes()[i];
            disk += after.diskBytes()[i] - before.diskBytes()[i];
            commits += after.commits()[i] - before.commits()[i];
        }
        return writes <= 0 ? new PerWrite(0, 0, 0, commits, slow, jit)
            : new PerWrite(cpu * 1e6 / writes, allocated / writes, disk / writes, commits, slow, jit);
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

    /** The heap in use now, summed over its pools, from Prometheus text; 0 when absent. */
    static double heapUsed(String prometheusText) {
        double total = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(USED + "{") && line.contains("area=\"heap\"")) {
                total += value(line);
            }
        }
        return total;
    }

    /** A counter's value in Prometheus text (summed over its series); 0 when absent. */
    static double counter(String prometheusText, String name) {
        double total = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                total += value(line);
            }
        }
        return total;
    }

    /** A histogram's count of observations at most {@code le} (its bucket, summed over its series); 0 when absent. */
    static double bucket(String prometheusText, String name, String le) {
        double total = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("le=\"" + le + "\"")) {
                total += value(line);
            }
        }
        return total;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
