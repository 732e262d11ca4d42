package org.distriplace.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.distriplace.app.runtime.ClusterJoin;
import org.distriplace.app.runtime.Departure;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.core.event.EventFormat;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code distri-place node}: one headless peer on real sockets and disk. */
@Command(name = "node", header = "Run one headless node (peer protocol, HTTP/WebSocket API, storage).",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs one headless node: the canvas replica and peer protocol on TCP,",
        "the HTTP and WebSocket API for browsers and scripts, and durable",
        "storage in the data directory. On SIGTERM (Ctrl-C) a member first",
        "leaves its cluster (waiting at most 5 s for the change to commit),",
        "then stops; a node killed outright restarts on the same data directory",
        "with everything it had committed, then catches up from its peers.",
        "",
    })
public final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @CommandLine.Mixin
    NodeOptions options;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings for every option above, one "
        + "key = value a line (e.g. http-port = 8081); options given here and DISTRI_PLACE_* environment variables "
        + "(DISTRI_PLACE_HTTP_PORT=8081) win over it.")
    Path config;

    @Option(names = "--rejoin", description = "Once removed from the cluster (it left, or an operator removed it), "
        + "ask to join again as a member; without it a removed node says so and waits.")
    boolean rejoin;

    @Option(names = "--force-new-cluster", description = "Disaster recovery when a majority is gone for good: start "
        + "as the only member of a new configuration, keeping this node's canvas; the others then rejoin it. Writes "
        + "only the lost members held may be gone. Never done automatically.")
    boolean forceNewCluster;

    @Option(names = "--join", paramLabel = "HOST:PORT", description = "Join the running cluster of the node whose "
        + "HTTP address this is, instead of --peers: this node asks its members to admit it, and takes on the "
        + "cluster's canvas size, shards, cooldown and palette (over any given here). Give an --id no member has; a "
        + "node that joined restarts with the same command, while some member answers at that address.")
    String join;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        options.headless = true;
        // Every setting is checked (each bad one a usage error naming its option) before the secret is judged.
        EmbeddedNode.Settings settings = options.settings(Path.of("data", "node-" + options.id), false,
            new NodeOptions.Launch("0", rejoin, forceNewCluster));
        options.checkSecret();
        if (join != null) {
            settings = joining(settings);
        }
        if (forceNewCluster) {
            LOG.warn("--force-new-cluster: node {} starts as the only member of a new configuration. Use it only when "
                + "a majority of the old cluster is gone for good; writes only those nodes held may be lost, and "
                + "they must rejoin this node (restart them with --rejoin, or the desktop app does so itself)",
                options.id);
        }
        return serve(settings, spec.commandLine().getOut());
    }

    /** The settings of a node that joins the cluster at {@link #join}, read from one of its nodes. */
    private EmbeddedNode.Settings joining(EmbeddedNode.Settings settings) throws InterruptedException {
        if (!settings.peers().isEmpty() || forceNewCluster) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--join with " + (forceNewCluster
                ? "--force-new-cluster: a joining node starts no cluster of its own" : "--peers: give one; --join "
                + "learns the members from the cluster"));
        }
        ClusterJoin.ClusterInfo cluster;
        try {
            cluster = ClusterJoin.fetch(join);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--join " + join + ": " + e.getMessage());
        }
        boolean member = cluster.members().stream().anyMatch(m -> m.id() == options.id);
        if (member && !Files.isDirectory(settings.dataDir())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "node " + options.id + " is a member of "
                + "that cluster already; a new node needs an id no member has");
        }
        LOG.info("joining the cluster of {} as node {} (members {}, shards {})", join, options.id,
            cluster.members().stream().map(ClusterJoin.Member::id).toList(), cluster.shards());
        return ClusterJoin.joinAs(options.id, cluster, settings, settings.dataDir());
    }

    /** Runs a headless node until SIGTERM (or a fatal error: exit code 1), logging to its data directory. */
    static int serve(EmbeddedNode.Settings settings, PrintWriter out) throws Exception {
        logToFile(settings.dataDir().resolve("node.log"));
        int id = settings.config().nodeId();
        AtomicInteger exitCode = new AtomicInteger(0);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // SIGTERM: let the main thread close everything cleanly before the JVM exits.
        Thread hook = new Thread(() -> {
            stopped.countDown();
            awaitQuietly(closed);
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EmbeddedNode embedded = EmbeddedNode.start(settings, EventSink.withoutMessages(NodeCommand::logEvent))) {
            embedded.node().onFatal(failure -> {
                exitCode.set(1);
                stopped.countDown();
            });
            out.printf("node %d: %s  peers on port %d  data in %s%n", id, embedded.browserUrl(),
                embedded.peerPort(), embedded.dataDir());
            out.flush();
            stopped.await();
            LOG.info("node {} stopping", id);
            if (exitCode.get() == 0) {
                Departure.leave(embedded.node(), Departure.DEFAULT_TIMEOUT);
            }
        } finally {
            LOG.info("node {} stopped", id);
            closed.countDown();
        }
        return exitCode.get();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(Departure.DEFAULT_TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void logEvent(NodeEvent event) {
        boolean notable = event instanceof NodeEvent.Lifecycle || event instanceof NodeEvent.EpochChanged
            || event instanceof NodeEvent.RoleChanged || event instanceof NodeEvent.SuspicionChanged
            || (event instanceof NodeEvent.ElectionStep step && step.step() != NodeEvent.ElectionStep.Step.ANSWERED)
            || (event instanceof NodeEvent.CommitPhase phase && (phase.phase() == NodeEvent.CommitPhase.Phase.ABORT
                || phase.phase() == NodeEvent.CommitPhase.Phase.VOTE_NO));
        if (event instanceof NodeEvent.Lifecycle life && (life.stage() == NodeEvent.Lifecycle.Stage.REMOVED
            || life.stage() == NodeEvent.Lifecycle.Stage.FORCED_NEW_CLUSTER)) {
            LOG.warn(EventFormat.describe(event) + (life.stage() == NodeEvent.Lifecycle.Stage.REMOVED
                ? ". This node is no longer a member and takes no placements; it waits. Restart it with --rejoin to "
                    + "join again as a member." : ""));
        } else if (notable) {
            LOG.info(EventFormat.describe(event));
        }
    }

    /** Adds a log file to the console logging. */
    static void logToFile(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("data-dir");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
}
