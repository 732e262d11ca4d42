package org.distriplace.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distriplace.app.desktop.DesktopLauncher;
import org.distriplace.app.runtime.DemoCluster;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.node.NodeConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distri-place demo --nodes N}: a whole cluster in one process and one window, for teaching. */
@Command(name = "demo", header = "A whole cluster in one window, for teaching: paint through, kill and restart nodes.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Starts N nodes in this process (talking over loopback) and one window",
        "to watch them all, paint through any of them, and kill and restart",
        "any node. Data lives in a fresh temporary directory.",
        "",
    })
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "3", description = "How many nodes, 1 to 15 (default: "
        + "${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--canvas", defaultValue = "200x150", description = "Canvas size WxH (default: "
        + "${DEFAULT-VALUE}).")
    String canvas;

    @Option(names = "--cooldown", defaultValue = "0", description = "Seconds between one user's pixels "
        + "(default: ${DEFAULT-VALUE}).")
    double cooldownSeconds;

    @Option(names = "--failure-timeout-ms", defaultValue = "3000", description = "Silence after which a peer is "
        + "dead; short, so failover shows quickly (default: ${DEFAULT-VALUE}).")
    long failureTimeoutMs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > 15) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--nodes is 1 to 15, not " + nodes);
        }
        if (!DesktopLauncher.displayAvailable()) {
            spec.commandLine().getErr().println("distri-place: demo mode needs a display (DISPLAY and "
                + "WAYLAND_DISPLAY are unset); `distri-place simulate` runs a cluster without one.");
            return 2;
        }
        int[] size;
        try {
            size = NodeOptions.canvasSize(canvas);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path dir = Files.createTempDirectory("distri-place-demo");
        DemoCluster cluster = new DemoCluster(nodes, dir, (id, members) -> NodeOptions.withTimings(
                NodeConfig.builder(id, members).canvas(size[0], size[1]).cooldownMs(Math.round(cooldownSeconds * 1000)),
                Math.max(100, failureTimeoutMs / 3), failureTimeoutMs, 100, 5_000).build(),
            id -> EventSink.withoutMessages(NodeCommand::logEvent));
        cluster.startAll();
        spec.commandLine().getOut().printf("demo: %d nodes, data in %s%n", nodes, dir);
        spec.commandLine().getOut().flush();
        DesktopLauncher.runDemo(cluster, "presenter");
        return 0;
    }
}
