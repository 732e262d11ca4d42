package org.distriplace.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distriplace.app.desktop.DesktopLauncher;
import org.distriplace.app.runtime.DemoCluster;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.EventTap;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distri-place demo --nodes N}: a whole cluster in one window, for teaching. By default the nodes run on the
 * simulator (virtual time: pause, step, slow motion) under the inspector; {@code --loopback} runs real nodes over
 * loopback TCP instead, which browsers can join.
 */
@Command(name = "demo", header = "A whole cluster in one window, for teaching: watch consensus, break it, step it.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Starts N nodes on a simulated network and clock, shown by the cluster",
        "inspector: pause, step one message or timer at a time, slow motion,",
        "kill and restart nodes, partition, lossy and slow links, scenario",
        "presets, ShiViz export. With --loopback: N real nodes over loopback",
        "TCP instead (browsers can join; data in a temporary directory).",
        "",
    })
public final class DemoCommand implements Callable<Integer> {

    /** The most nodes the cluster graph shows readably; a sharded class may have more, seen on the shard map. */
    static final int MOST_NODES = 15;
    static final int MOST_SHARDED_NODES = 27;

    @Option(names = "--nodes", defaultValue = "3", description = "How many nodes, 1 to 15, or to 27 with --shards "
        + "(default: ${DEFAULT-VALUE}).")
    int nodes;

    @CommandLine.Mixin
    ShardOptions shards = new ShardOptions();

    @Option(names = "--canvas", defaultValue = "200x150", description = "Canvas size WxH, with --loopback (default: "
        + "${DEFAULT-VALUE}).")
    String canvas;

    @Option(names = "--cooldown", defaultValue = "0", description = "Seconds between one user's pixels, with "
        + "--loopback (default: ${DEFAULT-VALUE}).")
    double cooldownSeconds;

    @Option(names = "--failure-timeout-ms", defaultValue = "3000", description = "Silence after which a peer is "
        + "dead; short, so failover shows quickly (default: ${DEFAULT-VALUE}).")
    long failureTimeoutMs;

    @Option(names = "--seed", description = "Seed of the simulated run (default: random); the same seed and the "
        + "same clicks replay the same lesson.")
    Long seed;

    @Option(names = "--loopback", description = "Real nodes over loopback TCP instead of the simulator.")
    boolean loopback;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int most = shards.sharded() ? MOST_SHARDED_NODES : MOST_NODES;
        if (nodes < 1 || nodes > most) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--nodes is 1 to " + most
                + (shards.sharded() ? "" : " (" + MOST_SHARDED_NODES + " with --shards)") + ", not " + nodes);
        }
        if (!DesktopLauncher.displayAvailable()) {
            spec.commandLine().getErr().println("distri-place: demo mode needs a display (DISPLAY and "
                + "WAYLAND_DISPLAY are unset); `distri-place simulate` runs a cluster without one.");
            return 2;
        }
        if (!loopback) {
            return simulated();
        }
        int[] size;
        try {
            size = NodeOptions.canvasSize(canvas);
            // The shards are read against the canvas now, not in the first node's start (after the data directory).
            NodeConfig.builder(1, java.util.List.of(1)).canvas(size[0], size[1]).shards(shards.layout())
                .replicas(shards.replicas()).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path dir = Files.createTempDirectory("distri-place-demo");
        EventTap events = new EventTap(EventSink.withoutMessages(NodeCommand::logEvent));
        DemoCluster cluster = new DemoCluster(nodes, dir, (id, members) -> NodeOptions.withTimings(
                NodeConfig.builder(id, members).canvas(size[0], size[1]).cooldownMs(Math.round(cooldownSeconds * 1000))
                    .shards(shards.layout()).replicas(shards.replicas()),
                Math.max(100, failureTimeoutMs / 3), failureTimeoutMs, 100, 5_000).build(),
            id -> events);
        cluster.startAll();
        spec.commandLine().getOut().printf("demo: %d nodes, data in %s%n", nodes, dir);
        spec.commandLine().getOut().flush();
        DesktopLauncher.runDemo(cluster, "presenter", events);
        return 0;
    }

    private int simulated() {
        long chosen = seed != null ? seed : new java.util.Random().nextLong();
        EventInbox inbox = new EventInbox(1_000_000);
        SimulatedCluster cluster;
        try {
            cluster = new SimulatedCluster(DemoSettings.demo(nodes, chosen, failureTimeoutMs)
                .withSharding(ScenarioOptions.Sharding.parse(shards.layout(), shards.replicas())), inbox);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine().getOut().printf("demo: %d simulated nodes%s, seed %d%n", nodes,
            shards.sharded() ? ", shards " + shards.layout() : "", chosen);
        spec.commandLine().getOut().flush();
        DesktopLauncher.runSimulatedDemo(cluster, inbox, nodes);
        return 0;
    }
}
