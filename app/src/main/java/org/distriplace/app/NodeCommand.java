package org.distriplace.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.distriplace.core.api.ApiServer;
import org.distriplace.core.event.EventFormat;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.model.Palette;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.net.PeerAddress;
import org.distriplace.core.net.PeerTransport;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.SqliteEventStore;
import org.distriplace.core.wire.PeerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distri-place node}: one headless peer on real sockets and disk. */
@Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs one headless node: the canvas replica and peer protocol on TCP,",
        "the HTTP and WebSocket API for browsers and scripts, and durable",
        "storage in the data directory. Stops cleanly on SIGTERM (Ctrl-C); a",
        "node killed outright restarts on the same data directory with",
        "everything it had committed, then catches up from its peers.",
        "",
    })
public final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);
    private static final String DEFAULT_SECRET = "distri-place-dev";

    @Option(names = "--id", defaultValue = "1", description = "This node's id, a positive integer; the highest "
        + "live id leads (default: ${DEFAULT-VALUE}).")
    int id;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP/WebSocket port (default: "
        + "${DEFAULT-VALUE}; 0 picks a free one).")
    int httpPort;

    @Option(names = "--peer-port", defaultValue = "9090", description = "Port for peer connections (default: "
        + "${DEFAULT-VALUE}).")
    int peerPort;

    @Option(names = "--peers", defaultValue = "", description = "The other members, ID@HOST:PORT,... "
        + "(default: none, a cluster of one).")
    String peers;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: "
        + "${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--data-dir", description = "Where the node keeps its database and log (default: "
        + "data/node-ID).")
    Path dataDir;

    @Option(names = "--cluster-secret", defaultValue = "${env:DISTRI_PLACE_SECRET:-" + DEFAULT_SECRET + "}",
        description = "Shared secret peers prove before anything is accepted (default: $DISTRI_PLACE_SECRET, "
            + "else a development secret, with a warning).")
    String secret;

    @Option(names = "--canvas", defaultValue = "1000x1000", description = "Canvas size WxH (default: "
        + "${DEFAULT-VALUE}).")
    String canvas;

    @Option(names = "--cooldown", defaultValue = "5", description = "Seconds between one user's pixels "
        + "(default: ${DEFAULT-VALUE}; 0 disables).")
    double cooldownSeconds;

    @Option(names = "--heartbeat-ms", defaultValue = "2000", description = "Heartbeat interval (default: "
        + "${DEFAULT-VALUE}).")
    long heartbeatMs;

    @Option(names = "--failure-timeout-ms", defaultValue = "6000", description = "Silence after which a peer is "
        + "dead (default: ${DEFAULT-VALUE}; suspected at two thirds of it).")
    long failureTimeoutMs;

    @Option(names = "--batch-ms", defaultValue = "100", description = "The leader's batch interval (default: "
        + "${DEFAULT-VALUE}).")
    long batchMs;

    @Option(names = "--gossip-ms", defaultValue = "5000", description = "Anti-entropy interval (default: "
        + "${DEFAULT-VALUE}).")
    long gossipMs;

    @Option(names = "--palette", description = "A palette file, one #RRGGBB per line (default: r/place 2022).")
    Path palette;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<PeerAddress> peerList = parsePeers();
        NodeConfig config = config(peerList);
        Path dir = dataDir != null ? dataDir : Path.of("data", "node-" + id);
        logToFile(dir.resolve("node.log"));
        if (secret.equals(DEFAULT_SECRET)) {
            LOG.warn("using the development cluster secret: set --cluster-secret or $DISTRI_PLACE_SECRET");
        }
        Map<Integer, String> addresses = new TreeMap<>();
        peerList.forEach(peer -> addresses.put(peer.id(), peer.host() + ":" + peer.port()));

        AtomicInteger exitCode = new AtomicInteger(0);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (SqliteEventStore store = SqliteEventStore.open(dir, config)) {
            AtomicReference<Node> self = new AtomicReference<>();
            PeerTransport transport = new PeerTransport(id, bind, peerPort, peerList, new ClusterSecret(secret),
                new PeerCodec(), (from, message) -> self.get().deliver(from, message),
                PeerTransport.Options.defaults());
            Node node = new Node(config, transport, store, EventSink.withoutMessages(NodeCommand::logEvent));
            self.set(node);
            node.onFatal(failure -> {
                exitCode.set(1);
                stopped.countDown();
            });
            ApiServer api = new ApiServer(node, bind, httpPort, addresses, ApiServer.Options.defaults());
            // SIGTERM: let the main thread close everything cleanly before the JVM exits.
            Thread hook = new Thread(() -> {
                stopped.countDown();
                awaitQuietly(closed);
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                transport.start();
                node.start().join();
                api.start();
                spec.commandLine().getOut().printf("node %d: http://%s:%d/  peers on port %d  data in %s%n", id,
                    bind.equals("0.0.0.0") ? "localhost" : bind, api.port(), transport.port(), dir);
                spec.commandLine().getOut().flush();
                stopped.await();
            } finally {
                LOG.info("node {} stopping", id);
                api.close();
                node.close();
                transport.close();
                LOG.info("node {} stopped", id);
            }
        } finally {
            closed.countDown();
        }
        return exitCode.get();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<PeerAddress> parsePeers() {
        try {
            List<PeerAddress> list = new ArrayList<>(PeerAddress.parseList(peers));
            if (list.stream().anyMatch(peer -> peer.id() == id)) {
                throw new IllegalArgumentException("--peers lists this node's own id " + id);
            }
            return list;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private NodeConfig config(List<PeerAddress> peerList) {
        String[] size = canvas.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            List<Integer> members = new ArrayList<>(List.of(id));
            peerList.forEach(peer -> members.add(peer.id()));
            return NodeConfig.builder(id, members)
                .canvas(Integer.parseInt(size[0]), Integer.parseInt(size[size.length - 1]))
                .palette(palette == null ? Palette.rPlace2022() : Palette.load(palette))
                .cooldownMs(Math.round(cooldownSeconds * 1000))
                .heartbeatMs(heartbeatMs)
                .suspectAfterMs(Math.max(1, failureTimeoutMs * 2 / 3))
                .failureTimeoutMs(failureTimeoutMs)
                .coordinatorTimeoutMs(Math.max(failureTimeoutMs / 2, 200))
                .answerTimeoutMs(Math.max(Math.min(500, failureTimeoutMs / 4), 50))
                // Long enough for peers to dial back and send a heartbeat before this node may call an election.
                .joinGraceMs(Math.min(failureTimeoutMs, Math.max(1_000, 2 * heartbeatMs)))
                .resendMs(Math.max(20, Math.min(250, batchMs * 2)))
                .voteTimeoutMs(Math.max(200, Math.min(1_000, failureTimeoutMs / 4)))
                .batchMs(batchMs)
                .gossipMs(gossipMs)
                .build();
        } catch (java.io.IOException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid node settings: "
                + e.getMessage());
        }
    }

    private static void logEvent(NodeEvent event) {
        boolean notable = event instanceof NodeEvent.Lifecycle || event instanceof NodeEvent.EpochChanged
            || event instanceof NodeEvent.RoleChanged || event instanceof NodeEvent.SuspicionChanged
            || (event instanceof NodeEvent.ElectionStep step && step.step() != NodeEvent.ElectionStep.Step.ANSWERED)
            || (event instanceof NodeEvent.CommitPhase phase && (phase.phase() == NodeEvent.CommitPhase.Phase.ABORT
                || phase.phase() == NodeEvent.CommitPhase.Phase.VOTE_NO));
        if (notable) {
            LOG.info(EventFormat.describe(event));
        }
    }

    /** Adds a log file in the data directory to the console logging. */
    private static void logToFile(Path file) {
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
