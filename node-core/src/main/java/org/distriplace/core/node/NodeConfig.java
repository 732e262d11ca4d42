package org.distriplace.core.node;

import java.util.List;
import java.util.Objects;
import org.distriplace.core.model.Palette;
import org.distriplace.core.protocol.shard.ShardGrid;

/**
 * Everything a node is configured with. Defaults follow the seed design: heartbeats every 2 s, a peer dead after
 * 6 s of silence, a batch every 100 ms, gossip every 5 s.
 *
 * @param nodeId             this node's id (positive; higher ids win Bully elections)
 * @param members            every node id of the cluster's initial configuration, this one included (the 2PC
 *                           majority is of these until the configuration changes); a list without this node makes it
 *                           a <em>joiner</em>, which asks these members to admit it
 * @param address            this node's peer address ({@code host:port}) as others should dial it; sent when joining
 * @param width              canvas width in pixels
 * @param height             canvas height in pixels
 * @param palette            the cluster's palette
 * @param cooldownMs         one pixel per user per this many milliseconds (0 disables)
 * @param heartbeatMs        heartbeat interval
 * @param suspectAfterMs     silence after which a peer is SUSPECTED
 * @param failureTimeoutMs   silence after which a peer is DEAD
 * @param answerTimeoutMs    how long a Bully candidate waits for a higher id's ANSWER
 * @param coordinatorTimeoutMs how long it then waits for COORDINATOR
 * @param batchMs            the leader's batch interval
 * @param voteTimeoutMs      how long a proposal waits for a majority before presumed abort
 * @param resendMs           how often unanswered PREPARE, COORDINATOR and SYNC requests are repeated
 * @param gossipMs           anti-entropy interval
 * @param joinGraceMs        how long a starting node listens for the cluster before it may call an election
 * @param placeTimeoutMs     how long a client waits for its write to commit before NO_QUORUM
 * @param tickMs             timer resolution of the node
 * @param tileSize           side of the square tiles digested for anti-entropy
 * @param maxBatch           most writes in one proposal
 * @param maxDeltaWrites     most writes sent as a delta; further behind gets full state
 * @param maxWritesPerMessage most writes in one SYNC_RESPONSE (a larger delta comes in parts)
 * @param maxTilesPerMessage most tiles in one SYNC_RESPONSE (larger full state comes in parts)
 * @param logRetention       writes kept in memory per ordering node for deltas
 * @param snapshotEveryWrites a compressed snapshot of the canvas is stored after this many committed writes, so a
 *                           restart replays only the writes since
 * @param autoRemoveAfterMs  while leading, propose removing a member that has been silent this long (one at a time,
 *                           only while a majority of the configuration is alive); 0 never removes anyone
 * @param rejoin             once removed from the configuration, ask to join it again (the desktop app); a node
 *                           without it stays out and says so
 * @param forceNewCluster    disaster recovery, never automatic: start as the only member of a new configuration,
 *                           keeping the canvas (docs/protocol.md, "What removal cannot do")
 * @param shardColumns       the canvas is cut into this many columns of shards (ADR 0017; 1 with one row: every
 *                           member holds the whole canvas, as before shards)
 * @param shardRows          and this many rows
 * @param replicas           how many members hold each shard (ignored with one shard: every member holds it)
 */
public record NodeConfig(int nodeId, List<Integer> members, String address, int width, int height, Palette palette,
                         long cooldownMs, long heartbeatMs, long suspectAfterMs, long failureTimeoutMs,
                         long answerTimeoutMs, long coordinatorTimeoutMs, long batchMs, long voteTimeoutMs,
                         long resendMs, long gossipMs, long joinGraceMs, long placeTimeoutMs, long tickMs,
                         int tileSize, int maxBatch, int maxDeltaWrites, int maxWritesPerMessage,
                         int maxTilesPerMessage, int logRetention, int snapshotEveryWrites, long autoRemoveAfterMs,
                         boolean rejoin, boolean forceNewCluster, int shardColumns, int shardRows,
                         int replicas) {

    public NodeConfig {
        Objects.requireNonNull(palette, "palette");
        Objects.requireNonNull(address, "address");
        members = members.stream().distinct().sorted().toList();
        if (nodeId < 1 || members.stream().anyMatch(id -> id < 1)) {
            throw new IllegalArgumentException("node ids are positive integers");
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("members must name this node, or the nodes it asks to join");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("canvas must be at least 1x1");
        }
        if (cooldownMs < 0 || heartbeatMs < 1 || failureTimeoutMs < suspectAfterMs || suspectAfterMs < 1
            || batchMs < 1 || voteTimeoutMs < 1 || resendMs < 1 || gossipMs < 1 || tickMs < 1
            || placeTimeoutMs < 1 || answerTimeoutMs < 1 || coordinatorTimeoutMs < 1 || joinGraceMs < 0
            || autoRemoveAfterMs < 0) {
            throw new IllegalArgumentException("intervals must be positive (and suspect-after <= failure timeout)");
        }
        if (tileSize < 1 || maxBatch < 1 || maxDeltaWrites < 1 || maxWritesPerMessage < 1 || maxTilesPerMessage < 1
            || logRetention < 1 || snapshotEveryWrites < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas: at least 1");
        }
        ShardGrid.of(width, height, shardColumns, shardRows); // refuses a grid the canvas cannot be cut into
    }

    /** The canvas cut into its shards: {@code 1x1} is one shard, the whole canvas. */
    public ShardGrid shardGrid() {
        return ShardGrid.of(width, height, shardColumns, shardRows);
    }

    /** True when the canvas is cut into more than one shard, each held by {@link #replicas} members. */
    public boolean sharded() {
        return shardColumns * shardRows > 1;
    }

    /** The seed design's timings for node {@code nodeId} of {@code members}, on a 1000x1000 r/place canvas. */
    public static Builder builder(int nodeId, List<Integer> members) {
        return new Builder(nodeId, members);
    }

    /** True when this node is not in its initial configuration: it starts by asking {@link #members} to join. */
    public boolean joining() {
        return !members.contains(nodeId);
    }

    /** True when this node, outside the configuration it holds, asks to join it (a joiner, or {@link #rejoin}). */
    public boolean asksToJoinWhenOutside() {
        return joining() || rejoin;
    }

    public Builder toBuilder() {
        Builder b = new Builder(nodeId, members);
        b.address = address;
        b.width = width;
        b.height = height;
        b.palette = palette;
        b.cooldownMs = cooldownMs;
        b.heartbeatMs = heartbeatMs;
        b.suspectAfterMs = suspectAfterMs;
        b.failureTimeoutMs = failureTimeoutMs;
        b.answerTimeoutMs = answerTimeoutMs;
        b.coordinatorTimeoutMs = coordinatorTimeoutMs;
        b.batchMs = batchMs;
        b.voteTimeoutMs = voteTimeoutMs;
        b.resendMs = resendMs;
        b.gossipMs = gossipMs;
        b.joinGraceMs = joinGraceMs;
        b.placeTimeoutMs = placeTimeoutMs;
        b.tickMs = tickMs;
        b.tileSize = tileSize;
        b.maxBatch = maxBatch;
        b.maxDeltaWrites = maxDeltaWrites;
        b.maxWritesPerMessage = maxWritesPerMessage;
        b.maxTilesPerMessage = maxTilesPerMessage;
        b.logRetention = logRetention;
        b.snapshotEveryWrites = snapshotEveryWrites;
        b.autoRemoveAfterMs = autoRemoveAfterMs;
        b.rejoin = rejoin;
        b.forceNewCluster = forceNewCluster;
        b.shardColumns = shardColumns;
        b.shardRows = shardRows;
        b.replicas = replicas;
        return b;
    }

    /** Builds a {@link NodeConfig}; every setting starts at its default. */
    public static final class Builder {
        private int nodeId;
        private List<Integer> members;
        private String address = "";
        private int width = 1000;
        private int height = 1000;
        private Palette palette;
        private long cooldownMs = 5_000;
        private long heartbeatMs = 2_000;
        private long suspectAfterMs = 4_000;
        private long failureTimeoutMs = 6_000;
        private long answerTimeoutMs = 500;
        private long coordinatorTimeoutMs = 3_000;
        private long batchMs = 100;
        private long voteTimeoutMs = 1_000;
        private long resendMs = 250;
        private long gossipMs = 5_000;
        private long joinGraceMs = 2_000;
        private long placeTimeoutMs = 10_000;
        private long tickMs = 10;
        private int tileSize = 64;
        private int maxBatch = 20_000;
        private int maxDeltaWrites = 50_000;
        private int maxWritesPerMessage = 5_000;
        private int maxTilesPerMessage = 16;
        private int logRetention = 200_000;
        private int snapshotEveryWrites = 100_000;
        private long autoRemoveAfterMs;
        private boolean rejoin;
        private boolean forceNewCluster;
        private String shardLayout;
        private int shardColumns = 1;
        private int shardRows = 1;
        private int replicas = 3;

        private Builder(int nodeId, List<Integer> members) {
            this.nodeId = nodeId;
            this.members = List.copyOf(members);
        }

        public Builder nodeId(int id) { this.nodeId = id; return this; }
        public Builder members(List<Integer> ids) { this.members = List.copyOf(ids); return this; }
        public Builder address(String hostPort) { this.address = hostPort; return this; }
        public Builder canvas(int w, int h) { this.width = w; this.height = h; return this; }
        public Builder palette(Palette p) { this.palette = p; return this; }
        public Builder cooldownMs(long ms) { this.cooldownMs = ms; return this; }
        public Builder heartbeatMs(long ms) { this.heartbeatMs = ms; return this; }
        public Builder suspectAfterMs(long ms) { this.suspectAfterMs = ms; return this; }
        public Builder failureTimeoutMs(long ms) { this.failureTimeoutMs = ms; return this; }
        public Builder answerTimeoutMs(long ms) { this.answerTimeoutMs = ms; return this; }
        public Builder coordinatorTimeoutMs(long ms) { this.coordinatorTimeoutMs = ms; return this; }
        public Builder batchMs(long ms) { this.batchMs = ms; return this; }
        public Builder voteTimeoutMs(long ms) { this.voteTimeoutMs = ms; return this; }
        public Builder resendMs(long ms) { this.resendMs = ms; return this; }
        public Builder gossipMs(long ms) { this.gossipMs = ms; return this; }
        public Builder joinGraceMs(long ms) { this.joinGraceMs = ms; return this; }
        public Builder placeTimeoutMs(long ms) { this.placeTimeoutMs = ms; return this; }
        public Builder tickMs(long ms) { this.tickMs = ms; return this; }
        public Builder tileSize(int size) { this.tileSize = size; return this; }
        public Builder maxBatch(int n) { this.maxBatch = n; return this; }
        public Builder maxDeltaWrites(int n) { this.maxDeltaWrites = n; return this; }
        public Builder maxWritesPerMessage(int n) { this.maxWritesPerMessage = n; return this; }
        public Builder maxTilesPerMessage(int n) { this.maxTilesPerMessage = n; return this; }
        public Builder logRetention(int n) { this.logRetention = n; return this; }
        public Builder snapshotEveryWrites(int n) { this.snapshotEveryWrites = n; return this; }
        public Builder autoRemoveAfterMs(long ms) { this.autoRemoveAfterMs = ms; return this; }
        public Builder rejoin(boolean again) { this.rejoin = again; return this; }
        public Builder forceNewCluster(boolean force) { this.forceNewCluster = force; return this; }
        public Builder shards(int columns, int rows) { this.shardColumns = columns; this.shardRows = rows; return this; }
        /** Shards as {@code --shards} takes them, {@code COLSxROWS}; checked against the canvas when built. */
        public Builder shards(String layout) { this.shardLayout = layout; return this; }
        public Builder replicas(int n) { this.replicas = n; return this; }

        public NodeConfig build() {
            if (shardLayout != null) {
                ShardGrid grid = ShardGrid.parse(shardLayout, width, height);
                shardColumns = grid.cols();
                shardRows = grid.rows();
                shardLayout = null;
            }
            return new NodeConfig(nodeId, members, address, width, height, palette == null ? Palette.rPlace2022() : palette,
                cooldownMs, heartbeatMs, suspectAfterMs, failureTimeoutMs, answerTimeoutMs, coordinatorTimeoutMs,
                batchMs, voteTimeoutMs, resendMs, gossipMs, joinGraceMs, placeTimeoutMs, tickMs, tileSize,
                maxBatch, maxDeltaWrites, maxWritesPerMessage, maxTilesPerMessage, logRetention, snapshotEveryWrites,
                autoRemoveAfterMs, rejoin, forceNewCluster, shardColumns, shardRows, replicas);
        }
    }
}
