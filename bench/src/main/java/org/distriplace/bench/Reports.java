package org.distriplace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

/** How the phases report a latency histogram (recorded in microseconds) in the JSON results. */
final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reports() {
    }

    /** p50, p90 and p99, the maximum (milliseconds) and the count. */
    static ObjectNode percentiles(Histogram micros) {
        ObjectNode node = JSON.createObjectNode();
        for (double p : new double[] {50, 90, 99}) {
            node.put("p" + (int) p, micros.getValueAtPercentile(p) / 1000.0);
        }
        return node.put("max", micros.getMaxValue() / 1000.0).put("count", micros.getTotalCount());
    }
}
