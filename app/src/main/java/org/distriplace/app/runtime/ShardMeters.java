package org.distriplace.app.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;

/**
 * A sharded node's series per shard (ADR 0017), from its shard groups' events: writes committed into its replica
 * of the shard, whether it leads the shard, and the shard's epoch here, each tagged {@code shard}. Registered when a
 * shard's first event arrives, so a node of one shard has none. Events arrive on the node's thread; scrapes read
 * from another.
 */
final class ShardMeters {

    private final MeterRegistry registry;
    private final Map<Integer, Counter> committed = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> leading = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> epochs = new ConcurrentHashMap<>();

    ShardMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void emit(int shard, NodeEvent event) {
        if (event instanceof NodeEvent.Committed commit) {
            committed.computeIfAbsent(shard, id -> Counter.builder("distriplace.shard.writes.committed")
                .tag("shard", Integer.toString(id)).description("Pixel writes committed into this node's replica of "
                    + "the shard").register(registry)).increment(commit.writes().size());
        } else if (event instanceof NodeEvent.RoleChanged role) {
            gauge(leading, shard, "distriplace.shard.leading", "1 while this node leads the shard")
                .set(role.role() == Role.LEADER ? 1 : 0);
            gauge(epochs, shard, "distriplace.shard.epoch", "The shard's epoch on this node")
                .accumulateAndGet(role.epoch(), Math::max);
        } else if (event instanceof NodeEvent.EpochChanged changed) {
            gauge(epochs, shard, "distriplace.shard.epoch", "The shard's epoch on this node").set(changed.to());
        }
    }

    private AtomicLong gauge(Map<Integer, AtomicLong> values, int shard, String name, String description) {
        return values.computeIfAbsent(shard, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("shard", Integer.toString(id)).description(description)
                .register(registry);
            return value;
        });
    }
}
