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
    }

    @Test
    void costsAreSummedOverTheNodesAndSharedByTheWrites() {
        NodeCosts.Snapshot before = new NodeCosts.Snapshot(new double[] {1.0, 2.0, 3.0}, new double[] {0, 100, 0});
        NodeCosts.Snapshot after = new NodeCosts.Snapshot(new double[] {1.5, 2.25, 3.25}, new double[] {600, 700,
            800});
        NodeCosts.PerWrite cost = NodeCosts.perWrite(before, after, 1_000);
        assertEquals(1_000, cost.cpuMicros(), 1e-9, "1 s of CPU over 1,000 writes");
        assertEquals(2, cost.allocatedBytes(), 1e-9, "2,000 bytes over 1,000 writes");
        assertEquals(0, NodeCosts.perWrite(before, after, 0).cpuMicros(), "no writes, no cost per write");
    }
}
