package org.distriplace.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.distriplace.app.runtime.EmbeddedNode;
import org.distriplace.core.api.ApiServer;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.history.SnapshotKeeper;
import org.distriplace.core.model.Palette;
import org.distriplace.core.net.PeerAddress;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.wire.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The options every command that runs a real node shares: identity, ports, peers, storage and timings. */
public final class NodeOptions {

    private static final Logger LOG = LoggerFactory.getLogger(NodeOptions.class);
    static final String DEFAULT_SECRET = "distri-place-dev";
    /** The secret the package's config file and the docs once shipped: known to everyone, so never accepted. */
    static final Set<String> PLACEHOLDER_SECRETS = Set.of("change-me");
    /** Set by the headless {@code node} command: it refuses the development secret on a reachable address. */
    boolean headless;

    /** The peer port: clear of Prometheus (9090), its exporters (9091-9999) and Kafka, often on the same host. */
    public static final int DEFAULT_PEER_PORT = 7522;

    @Option(names = "--id", defaultValue = "1", description = "This node's id, a positive integer; the highest "
        + "live id leads (default: ${DEFAULT-VALUE}).")
    public int id;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP/WebSocket port (default: "
        + "${DEFAULT-VALUE}; 0 picks a free one).")
    int httpPort;

    @Option(names = "--peer-port", defaultValue = "" + DEFAULT_PEER_PORT, description = "Port for peer connections "
        + "(default: ${DEFAULT-VALUE}).")
    int peerPort;

    @Option(names = "--peers", defaultValue = "", description = "The other members, ID@HOST:PORT,... "
        + "(default: none, a cluster of one).")
    String peers;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: "
        + "${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--data-dir", description = "Where the node keeps its database and log (default: "
        + "data/node-ID for `node`, ~/.distri-place/node-ID for the app).")
    Path dataDir;

    @Option(names = "--cluster-secret", defaultValue = "${env:DISTRI_PLACE_SECRET:-" + DEFAULT_SECRET + "}",
        description = "Shared secret peers prove before anything is accepted (default: $DISTRI_PLACE_SECRET, "
            + "else a development secret, with a warning).")
    String secret;

    @Option(names = "--cluster-secret-file", paramLabel = "FILE", description = "Read the cluster secret from FILE "
        + "(its first line) instead, as the package's service does: a secret kept apart from the other settings, "
        + "readable by the service alone.")
    Path secretFile;

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

    @Option(names = "--max-delta-writes", hidden = true, defaultValue = "50000", description = "A peer missing more "
        + "writes than this is sent full state instead of the writes (tuning and tests).")
    int maxDeltaWrites;

    @Option(names = "--snapshot-policy", paramLabel = "EVERY,KEEP_ALL,THEN_EVERY,UNTIL,BEYOND_EVERY",
        defaultValue = "30s,1h,5m,24h,1h", description = "History snapshots: one every EVERY of commit time, all kept "
        + "for KEEP_ALL, then one per THEN_EVERY until UNTIL old, then one per BEYOND_EVERY (default: "
        + "${DEFAULT-VALUE}). Placements themselves are always kept.")
    String snapshotPolicy;

    @Option(names = "--max-connections-per-address", paramLabel = "N", defaultValue = "256", description = "HTTP "
        + "and WebSocket connections one address may hold open; more are answered 429 and closed (default: "
        + "${DEFAULT-VALUE}: a LAN party behind one NAT address still fits).")
    int connectionsPerAddress;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60", description = "A connection "
        + "the node hears nothing on for this long is closed (default: ${DEFAULT-VALUE}; the browser page pings "
        + "every 20 s; inspectors are never cut off).")
    int idleSeconds;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "10", description = "An HTTP "
        + "request must arrive whole (headers and body) this soon after its first byte, or it is answered 408 and "
        + "closed: a client trickling bytes (slowloris) holds nothing long; a kept-alive connection silent this long "
        + "after an answer is closed (default: ${DEFAULT-VALUE}).")
    int requestSeconds;

    @Option(names = "--wire", paramLabel = "FORM", defaultValue = "binary", converter = WireName.class,
        description = "How this node's peer "
        + "messages are encoded: binary (the hot messages, forwarded batches, PREPARE and sync deltas, in a compact "
        + "form where the peer agrees; the rest JSON) or json (the seed's JSON throughout, to read on the wire when "
        + "teaching or debugging). Nodes of either kind work together (default: ${DEFAULT-VALUE}).")
    Wire wire;

    /** {@code binary} or {@code json}, in any case, however the command line was built. */
    static final class WireName implements CommandLine.ITypeConverter<Wire> {
        @Override
        public Wire convert(String value) {
            Wire wire = Wire.ofLabel(value.toLowerCase(Locale.ROOT));
            if (wire == null) {
                throw new CommandLine.TypeConversionException("expected binary or json, not '" + value + "'");
            }
            return wire;
        }
    }

    @Option(names = "--client-backlog", paramLabel = "KIB", defaultValue = "1024", description = "Kibibytes a "
        + "WebSocket client may have waiting for it; a client further behind (one that stopped reading) is "
        + "disconnected and reconnects to a fresh canvas (default: ${DEFAULT-VALUE}, at least 16).")
    int clientBacklogKib;

    @Option(names = "--guest-sessions-per-hour", paramLabel = "N", defaultValue = "30", description = "New guest "
        + "sessions offered to one address per hour; a client that throws its cookie away gets no more, and paints "
        + "as its address (default: ${DEFAULT-VALUE}).")
    int sessionsPerHour;

    @Option(names = "--placements-per-second", paramLabel = "N", defaultValue = "20", description = "Placements "
        + "one address may make per second across all its players (twice that in a burst); more are answered 429 "
        + "RATE_LIMITED (default: ${DEFAULT-VALUE}).")
    int placementsPerSecond;

    @Option(names = "--logins-per-minute", paramLabel = "N", defaultValue = "30", description = "Login and "
        + "registration attempts one address may make per minute (twice that in a burst); more are answered 429 "
        + "RATE_LIMITED (default: ${DEFAULT-VALUE}).")
    int loginsPerMinute;

    @Option(names = "--moderators", paramLabel = "NAME[,NAME...]", split = ",", description = "Accounts that may "
        + "ban, unban and roll back players (from the browser, the desktop app or `distri-place mod`); none by "
        + "default.")
    List<String> moderators = new ArrayList<>();

    @Option(names = "--auto-remove-after", paramLabel = "DURATION", description = "While leading, remove a member "
        + "that has been dead this long (e.g. 2m; 0 never), one at a time and only while a majority is alive "
        + "(default: 0 for `node`, 2m for the app).")
    String autoRemoveAfter;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    /**
     * How a command runs its node beyond what the options say.
     *
     * @param autoRemoveAfter automatic removal when {@code --auto-remove-after} is not given
     * @param rejoin          whether a removed node asks to join again (the desktop app does; {@code node --rejoin})
     * @param forceNewCluster disaster recovery ({@code node --force-new-cluster})
     */
    record Launch(String autoRemoveAfter, boolean rejoin, boolean forceNewCluster) {
    }

    /** The node's settings; {@code defaultDataDir} applies unless {@code --data-dir} is given. */
    EmbeddedNode.Settings settings(Path defaultDataDir, boolean portsFallBack, Launch launch) {
        loadSecretFile();
        List<PeerAddress> peerList = parsePeers();
        NodeConfig config = config(peerList).toBuilder()
            .autoRemoveAfterMs(autoRemoveAfterMs(autoRemoveAfter != null ? autoRemoveAfter : launch.autoRemoveAfter()))
            .rejoin(launch.rejoin()).forceNewCluster(launch.forceNewCluster()).maxDeltaWrites(maxDeltaWrites).build();
        return new EmbeddedNode.Settings(config, bind, httpPort, peerPort, peerList, secret,
            dataDir != null ? dataDir : defaultDataDir, portsFallBack, snapshotPolicy(), serverLimits(), wire);
    }

    /** The HTTP/WebSocket server's limits; one out of range is a usage error naming its option. */
    ServerOptions serverLimits() {
        ServerOptions limits = ServerOptions.defaults();
        limits = limit(limits, "--max-connections-per-address", l -> l.withMaxConnectionsPerAddress(
            connectionsPerAddress));
        limits = limit(limits, "--idle-timeout", l -> l.withIdleSeconds(idleSeconds));
        limits = limit(limits, "--request-timeout", l -> l.withRequestSeconds(requestSeconds));
        limits = limit(limits, "--guest-sessions-per-hour", l -> l.withSessionsPerHour(sessionsPerHour));
        limits = limit(limits, "--placements-per-second", l -> l.withPlacementsPerSecond(placementsPerSecond));
        limits = limit(limits, "--logins-per-minute", l -> l.withLoginsPerMinute(loginsPerMinute));
        limits = limit(limits, "--moderators", l -> l.withModerators(Set.copyOf(moderators)));
        return limit(limits, "--client-backlog", l -> l.withClientBacklogBytes((int) Math.min(Integer.MAX_VALUE,
            clientBacklogKib * 1024L)));
    }

    private ServerOptions limit(ServerOptions limits, String option, UnaryOperator<ServerOptions> set) {
        try {
            return set.apply(limits);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** {@code --snapshot-policy}: five durations, each interval a multiple of the one before. */
    SnapshotKeeper.Policy snapshotPolicy() {
        try {
            String[] parts = snapshotPolicy.split(",", -1);
            if (parts.length != 5) {
                throw new IllegalArgumentException("give five durations, e.g. 30s,1h,5m,24h,1h");
            }
            long[] ms = new long[5];
            for (int i = 0; i < 5; i++) {
                ms[i] = DurationText.parse(parts[i]).toMillis();
            }
            return new SnapshotKeeper.Policy(ms[0], ms[1], ms[2], ms[3], ms[4]);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--snapshot-policy: " + e.getMessage());
        }
    }

    private long autoRemoveAfterMs(String text) {
        try {
            return DurationText.parse(text).toMillis();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--auto-remove-after: " + e.getMessage());
        }
    }

    /**
     * Refuses a placeholder secret (a usage error: anyone could join the cluster, paint as it and read its
     * accounts), and warns about the development one.
     */
    void checkSecret() {
        loadSecretFile();
        if (PLACEHOLDER_SECRETS.contains(secret.trim())) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--cluster-secret: '" + secret.trim()
                + "' is a placeholder everyone knows; set a secret of your own (e.g. the output of `openssl rand "
                + "-hex 24`) in the config file or with --cluster-secret");
        }
        if (headless && secret.equals(DEFAULT_SECRET) && !isLoopback(bind)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--cluster-secret: a node listening on "
                + bind + " needs a secret of its own (the built-in development one is known to everyone): set "
                + "--cluster-secret or $DISTRI_PLACE_SECRET, or --bind 127.0.0.1 to try a node alone");
        }
        if (secret.equals(DEFAULT_SECRET)) {
            LOG.warn("using the development cluster secret: set --cluster-secret or $DISTRI_PLACE_SECRET");
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
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    private NodeConfig config(List<PeerAddress> peerList) {
        try {
            List<Integer> members = new ArrayList<>(List.of(id));
            peerList.forEach(peer -> members.add(peer.id()));
            int[] size = canvasSize(canvas);
            NodeConfig.Builder builder = NodeConfig.builder(id, members).canvas(size[0], size[1])
                .palette(palette == null ? Palette.rPlace2022() : Palette.load(palette))
                .cooldownMs(Math.round(cooldownSeconds * 1000));
            return withTimings(builder, heartbeatMs, failureTimeoutMs, batchMs, gossipMs).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "invalid node settings: "
                + e.getMessage());
        }
    }

    /** Takes the secret from {@code --cluster-secret-file}, once; a file that cannot serve is a usage error. */
    private void loadSecretFile() {
        if (secretFile == null) {
            return;
        }
        String first;
        try {
            first = Files.readString(secretFile).lines().findFirst().orElse("").strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--cluster-secret-file: cannot read "
                + secretFile + " (" + OneLineErrors.describe(e) + ")");
        }
        if (first.isEmpty()) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--cluster-secret-file: " + secretFile
                + " is empty; its first line is the cluster secret");
        }
        secret = first;
        secretFile = null;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /** "WxH" as {@code {width, height}}. */
    static int[] canvasSize(String text) {
        String[] size = text.toLowerCase(Locale.ROOT).split("x");
        if (size.length != 2) {
            throw new IllegalArgumentException("canvas size is WIDTHxHEIGHT, not " + text);
        }
        return new int[] {Integer.parseInt(size[0].trim()), Integer.parseInt(size[1].trim())};
    }

    /** The protocol's timings, derived from the four a user sets. */
    static NodeConfig.Builder withTimings(NodeConfig.Builder builder, long heartbeatMs, long failureTimeoutMs,
                                          long batchMs, long gossipMs) {
        return builder
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
            .gossipMs(gossipMs);
    }
}
