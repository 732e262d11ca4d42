package org.distriplace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The per-write costs the ramp reports: CPU and allocation summed over the nodes, per committed write. */
class NodeCostsTest {

    @Test
    void readsTheAllocationCountAndTheYoungGenerationFromPrometheusText() {
        String text = """
            # HELP jvm_gc_memory_allocated_bytes_total Incremented for an increase in the size of the young heap
            # TYPE jvm_gc_memory_allocated_bytes_total counter
            jvm_gc_memory_allocated_bytes_total 1.2345678E8
            jvm_gc_memory_promoted_bytes_total 4096.0
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2000000.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 9.0E7
            """;
        assertEquals(1.2345678e8 + 2e6, NodeCosts.allocatedBytes(text), 1e-3,
            "what the collections counted, and what the young generation holds now");
        assertThrows(IllegalArgumentException.class, () -> NodeCosts.allocatedBytes("jvm_threads_live 12.0\n"));
        assertEquals(2e6 + 9e7, NodeCosts.heapUsed(text), 1e-3, "every heap pool, and nothing else");
    }

    @Test
    void readsACounterSummedOverItsSeries() {
        String text = """
            distriplace_storage_transaction_seconds_count{node="1"} 12.0
            distriplace_storage_transaction_seconds_count{node="1",x="y"} 3.0
            distriplace_storage_transaction_seconds_sum{node="1"} 0.5
            """;
        assertEquals(15, NodeCosts.counter(text, NodeCosts.COMMITS), 1e-9);
        assertEquals(0, NodeCosts.counter("", NodeCosts.COMMITS), 1e-9);
        String buckets = """
            distriplace_storage_transaction_seconds_bucket{le="0.05",node="1"} 9.0
            distriplace_storage_transaction_seconds_bucket{le="0.1",node="1"} 11.0
            """;
        assertEquals(11, NodeCosts.bucket(buckets, NodeCosts.COMMIT_BUCKETS, "0.1"), 1e-9);
    }

    @Test
    void costsAreSummedOverTheNodesAndSharedByTheWrites() {
        NodeCosts.Snapshot before = new NodeCosts.Snapshot(new double[] {1.0, 2.0, 3.0}, new double[] {0, 100, 0},
            new double[] {0, 0, 4096}, new double[] {10, 10, 10}, new double[] {0, 1, 0}, new double[] {5, 5, 5});
        NodeCosts.Snapshot after = new NodeCosts.Snapshot(new double[] {1.5, 2.25, 3.25}, new double[] {600, 700,
            800}, new double[] {10_000, 10_000, 14_096}, new double[] {20, 25, 30}, new double[] {0, 2, 1},
            new double[] {105, 5, 5});
        NodeCosts.PerWrite cost = NodeCosts.perWrite(before, after, 1_000);
        assertEquals(1_000, cost.cpuMicros(), 1e-9, "1 s of CPU over 1,000 writes");
        assertEquals(2, cost.allocatedBytes(), 1e-9, "2,000 bytes over 1,000 writes");
        assertEquals(30, cost.diskBytes(), 1e-9, "30,000 bytes to disk over 1,000 writes");
        assertEquals(45, cost.commits(), 1e-9, "group commits are counted, not shared");
        assertEquals(2, cost.slowCommits(), 1e-9);
        assertEquals(100, cost.jitMs(), 1e-9);
        assertEquals(0, NodeCosts.perWrite(before, after, 0).cpuMicros(), "no writes, no cost per write");
    }
}
