package org.distriplace.app.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.distriplace.core.api.ApiTraffic;
import org.distriplace.core.engine.EngineStatus;
import org.distriplace.edge.EdgeCounters;
import org.distriplace.edge.EdgeEngine;
import org.distriplace.edge.EdgeServer;

/**
 * An edge's metrics for {@code GET /metrics}, in Prometheus' text format (the names a node's share where they mean
 * the same): placements by outcome and how long the acknowledged ones took (Redis, then Kafka), the outbox placements
 * logged late, the canvas rebuilds, readiness, the WebSocket clients, and the JVM.
 */
public final class EdgeMetrics implements EdgeServer.Metrics {

    private static final Duration[] PLACE_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(1_000)};

    @Override
    public Supplier<String> scrape(EdgeEngine engine, ApiTraffic traffic) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("edge", Integer.toString(engine.id()));
        PrometheusNames.install(registry);
        EdgeCounters counters = engine.counters();
        outcome(registry, counters, "placed", EdgeCounters::placed);
        outcome(registry, counters, "cooldown", EdgeCounters::coolingDown);
        outcome(registry, counters, "refused", EdgeCounters::refused);
        outcome(registry, counters, "not_logged", EdgeCounters::notLogged);
        FunctionCounter.builder("distriplace.edge.outbox.logged", counters, EdgeCounters::swept)
            .description("Placements this edge took from the outboxes into the log (left by a dead edge, or while "
                + "Kafka was down)").register(registry);
        FunctionCounter.builder("distriplace.edge.rebuilds", counters, EdgeCounters::rebuilds)
            .description("Times this edge rebuilt the canvas in Redis from the log").register(registry);
        FunctionCounter.builder("distriplace.edge.mirror.loads", counters, EdgeCounters::mirrorLoads)
            .description("Times this edge loaded the whole canvas from Redis (at start, after a gap or a lost "
                + "subscription)").register(registry);
        Timer took = Timer.builder("distriplace.edge.place").serviceLevelObjectives(PLACE_BUCKETS)
            .description("Acknowledged placements, from the request to Redis' order and Kafka's acknowledgement")
            .register(registry);
        counters.onPlaceTime(nanos -> took.record(nanos, TimeUnit.NANOSECONDS));
        Gauge.builder("distriplace.ready", engine, e -> {
                EngineStatus status = e.status().getNow(null);
                return status != null && status.ready() ? 1 : 0;
            })
            .description("1 while this server can take placements").register(registry);
        Gauge.builder("distriplace.writes.committed", engine, e -> e.view().committedWrites())
            .description("Placements the canvas this server shows holds").register(registry);
        NodeMetrics.registerTraffic(registry, traffic);
        NodeMetrics.registerProcess(registry);
        PrometheusNames.bindSecondsMeters(registry);
        return registry::scrape;
    }

    private static void outcome(PrometheusMeterRegistry registry, EdgeCounters counters, String outcome,
                                java.util.function.ToDoubleFunction<EdgeCounters> count) {
        FunctionCounter.builder("distriplace.edge.placements", counters, count).tag("outcome", outcome)
            .description("Placements this edge answered, by outcome").register(registry);
    }
}
