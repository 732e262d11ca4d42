package org.distriplace.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.distriplace.app.desktop.DesktopLauncher;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.inspector.trace.TraceFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code distri-place inspect HOST:PORT...}: the cluster inspector alone, watching running nodes (headless servers,
 * other players' apps) through their event streams, for a teacher's projector.
 */
@Command(name = "inspect", header = "Watch running nodes on other machines in the cluster inspector.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Opens the inspector on the event streams of running nodes: each address",
        "is a node's HTTP address (what browsers open), and the cluster secret",
        "must be the nodes' own, or they stream nothing. More nodes can be added",
        "in the window. With --trace, replays a saved trace instead.",
        "",
    })
public final class InspectCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "HOST:PORT", description = "Nodes to watch, e.g. 192.168.1.20:8080.")
    List<String> addresses = new ArrayList<>();

    @Option(names = "--cluster-secret", defaultValue = "${env:DISTRI_PLACE_SECRET:-" + SecretOptions.DEFAULT_SECRET
        + "}", description = "The nodes' cluster secret (default: $DISTRI_PLACE_SECRET, else the development secret).")
    String secret;

    @Option(names = "--trace", paramLabel = "FILE", description = "Replay a saved trace (.dptrace) instead: what a "
        + "file manager runs when a trace is opened.")
    Path trace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<NodeEvent> events = null;
        if (trace != null) {
            try {
                events = TraceFile.load(trace);
            } catch (IOException e) {
                spec.commandLine().getErr().println("distri-place: cannot open the trace " + trace + ": "
                    + e.getMessage());
                return 2;
            }
        }
        if (!DesktopLauncher.displayAvailable()) {
            spec.commandLine().getErr().println("distri-place: the inspector needs a display (DISPLAY and "
                + "WAYLAND_DISPLAY are unset); `curl http://HOST:PORT/api/v1/cluster` reads a node's state without one.");
            return 2;
        }
        if (events != null) {
            DesktopLauncher.runTrace(trace, events);
            return 0;
        }
        try {
            DesktopLauncher.runRemoteInspector(addresses, secret);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return 0;
    }
}
