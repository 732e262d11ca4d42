package org.distriplace.core.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.message.PeerMessage;

/**
 * The simulated network: per-link conditions (loss, delay, duplication, reordering) and partitions. A message
 * between nodes in different partition groups is lost. Delivery is a virtual-time event that calls the
 * {@link Delivery} target, which drops it if the receiver is down.
 */
public final class SimNetwork {

    /** Hands a message to the receiving node. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(int from, int to, PeerMessage message);
    }

    /** Counters of what the network did. */
    public record Stats(long sent, long delivered, long dropped, long duplicated) {
    }

    private final EventQueue queue;
    private final Random random;
    private final Delivery delivery;
    private final Map<Long, LinkConditions> links = new HashMap<>();
    private final Map<Long, Long> lastDelivery = new HashMap<>();
    private final Map<Integer, Integer> groups = new HashMap<>();
    private LinkConditions defaults = LinkConditions.HEALTHY;
    private long sent;
    private long dropped;
    private long duplicated;
    private long delivered;

    public SimNetwork(EventQueue queue, Random random, Delivery delivery) {
        this.queue = queue;
        this.random = random;
        this.delivery = delivery;
    }

    public void send(int from, int to, PeerMessage message) {
        sent++;
        LinkConditions link = conditions(from, to);
        if (!connected(from, to) || random.nextDouble() < link.dropProbability()) {
            dropped++;
            return;
        }
        schedule(from, to, message, link);
        if (random.nextDouble() < link.duplicateProbability()) {
            duplicated++;
            schedule(from, to, message, link);
        }
    }

    private void schedule(int from, int to, PeerMessage message, LinkConditions link) {
        long at = queue.now() + link.delay(random::nextDouble);
        long key = key(from, to);
        if (!link.reorder()) {
            at = Math.max(at, lastDelivery.getOrDefault(key, 0L));
            lastDelivery.put(key, at);
        }
        queue.scheduleAt(at, new InFlight(from, to, message));
    }

    /** A message on its way; named, so a step-by-step viewer can say what the next event delivers. */
    private final class InFlight implements Runnable {
        private final int from;
        private final int to;
        private final PeerMessage message;

        InFlight(int from, int to, PeerMessage message) {
            this.from = from;
            this.to = to;
            this.message = message;
        }

        @Override
        public void run() {
            // Checked again at delivery: a partition cuts messages already in flight too.
            if (connected(from, to)) {
                delivered++;
                delivery.deliver(from, to, message);
            } else {
                dropped++;
            }
        }

        @Override
        public String toString() {
            return "deliver " + message.kind() + " n" + from + "->n" + to;
        }
    }

    public LinkConditions conditions(int from, int to) {
        return links.getOrDefault(key(from, to), defaults);
    }

    /** Sets the conditions of the one-way link {@code from -> to}. */
    public void setLink(int from, int to, LinkConditions conditions) {
        links.put(key(from, to), conditions);
    }

    /** Sets the conditions of every link without a specific setting, and clears the specific ones. */
    public void setAllLinks(LinkConditions conditions) {
        defaults = conditions;
        links.clear();
    }

    public LinkConditions defaults() {
        return defaults;
    }

    /** Puts nodes into partition groups: messages only flow within a group. Unlisted nodes form group 0. */
    public void partition(Map<Integer, Integer> groupOfNode) {
        groups.clear();
        groups.putAll(groupOfNode);
    }

    public void heal() {
        groups.clear();
    }

    public boolean connected(int a, int b) {
        return groups.getOrDefault(a, 0).equals(groups.getOrDefault(b, 0));
    }

    public boolean partitioned() {
        return groups.values().stream().distinct().count() > 1;
    }

    public Stats stats() {
        return new Stats(sent, delivered, dropped, duplicated);
    }

    private static long key(int from, int to) {
        return (long) from << 32 | (to & 0xFFFFFFFFL);
    }
}
