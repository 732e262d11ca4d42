package org.distriplace.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    @CommandLine.Mixin
    SecretOptions secrets = new SecretOptions();

    @Option(names = "--canvas", defaultValue = "1000x1000", description = "Canvas size WxH (default: "
        + "${DEFAULT-VALUE}).")
    String canvas;

    @CommandLine.Mixin
    ShardOptions shards = new ShardOptions();

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

    @CommandLine.Mixin
    ServerLimitOptions limits = new ServerLimitOptions();

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
        secrets.load(mixee.commandLine());
        List<PeerAddress> peerList = parsePeers();
        NodeConfig config = config(peerList).toBuilder()
            .autoRemoveAfterMs(autoRemoveAfterMs(autoRemoveAfter != null ? autoRemoveAfter : launch.autoRemoveAfter()))
            .rejoin(launch.rejoin()).forceNewCluster(launch.forceNewCluster()).maxDeltaWrites(maxDeltaWrites).build();
        return new EmbeddedNode.Settings(config, bind, httpPort, peerPort, peerList, secrets.secret,
            dataDir != null ? dataDir : defaultDataDir, portsFallBack, snapshotPolicy(), serverLimits(), wire);
    }

    /** The HTTP/WebSocket server's limits; one out of range is a usage error naming its option. */
    ServerOptions serverLimits() {
        return limits.serverOptions(mixee.commandLine());
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
     * Refuses a placeholder secret, and the development one on a reachable address for a headless node; warns
     * about the development one otherwise.
     */
    void checkSecret() {
        secrets.check(mixee.commandLine(), headless ? bind : null, "a node");
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
                .shards(shards.layout()).replicas(shards.replicas())
                .palette(palette == null ? Palette.rPlace2022() : Palette.load(palette))
                .cooldownMs(Math.round(cooldownSeconds * 1000));
            return withTimings(builder, heartbeatMs, failureTimeoutMs, batchMs, gossipMs).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "invalid node settings: "
                + e.getMessage());
        }
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
