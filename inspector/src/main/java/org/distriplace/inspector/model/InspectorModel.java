package org.distriplace.inspector.model;

import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.node.NodeReport;

/**
 * Everything the inspector shows, built only from node events and reports, in the order they arrive. Not
 * thread-safe: one thread (the JavaFX thread, or a test) feeds and reads it.
 */
public final class InspectorModel {

    /** How much the model remembers. */
    public record Limits(int logEvents, int messages, int rounds, long lostAfterMs) {

        public static Limits defaults() {
            return new Limits(50_000, 5_000, 500, 10_000);
        }
    }

    private final ClusterState cluster = new ClusterState();
    private final MessageFlights messages;
    private final CommitRounds rounds;
    private final Heartbeats heartbeats = new Heartbeats();
    private final VectorClocks clocks = new VectorClocks();
    private final WriteClocks writeClocks = new WriteClocks();
    private final CausalKnowledge knowledge = new CausalKnowledge(writeClocks::learned);
    private final LiveInvariants invariants = new LiveInvariants();
    private final ShardStates shards = new ShardStates();
    private final EventLog log;
    private long now;
    private long revision;

    public InspectorModel() {
        this(Limits.defaults());
    }

    public InspectorModel(Limits limits) {
        this.messages = new MessageFlights(limits.messages(), limits.lostAfterMs());
        this.rounds = new CommitRounds(limits.rounds());
        this.log = new EventLog(limits.logEvents());
    }

    public void accept(NodeEvent event) {
        revision++;
        now = Math.max(now, event.at());
        cluster.accept(event);
        heartbeats.accept(event);
        clocks.accept(event);
        knowledge.accept(event);
        invariants.accept(event);
        shards.accept(event);
        log.accept(event);
        if (event instanceof NodeEvent.MessageSent e) {
            messages.sent(e);
            writeClocks.sent(e, knowledge);
        } else if (event instanceof NodeEvent.MessageReceived e) {
            messages.received(e);
        } else if (event instanceof NodeEvent.CommitPhase e) {
            rounds.accept(e);
        } else if (event instanceof NodeEvent.Committed e) {
            rounds.accept(e);
        }
    }

    public void accept(NodeReport report) {
        revision++;
        now = Math.max(now, report.at());
        cluster.accept(report);
        heartbeats.accept(report);
        clocks.accept(report);
        knowledge.accept(report);
        shards.accept(report);
    }

    /** The cluster's time moved on without events (virtual time in a simulation, the wall clock otherwise). */
    public void advanceTo(long time) {
        if (time > now) {
            now = time;
            messages.expire(now);
        }
    }

    /** The latest cluster time seen, in ms. */
    public long now() {
        return now;
    }

    /** Rises with every event and report: a view redraws only when it moved. */
    public long revision() {
        return revision;
    }

    public ClusterState cluster() {
        return cluster;
    }

    public MessageFlights messages() {
        return messages;
    }

    public CommitRounds rounds() {
        return rounds;
    }

    public Heartbeats heartbeats() {
        return heartbeats;
    }

    public VectorClocks clocks() {
        return clocks;
    }

    /** What each node has seen of the writes placed through each node (a matrix clock). */
    public CausalKnowledge knowledge() {
        return knowledge;
    }

    /** The newest committed writes with the clock their origin forwarded them with. */
    public WriteClocks writeClocks() {
        return writeClocks;
    }

    public EventLog log() {
        return log;
    }

    /** The canvas's shards: their replicas, leaders and health (one, the whole canvas, when it is not cut). */
    public ShardStates shards() {
        return shards;
    }

    /** The invariants checked live from the events. */
    public LiveInvariants invariants() {
        return invariants;
    }
}
