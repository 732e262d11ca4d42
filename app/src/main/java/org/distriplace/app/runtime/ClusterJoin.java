package org.distriplace.app.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.net.PeerAddress;
import org.distriplace.core.node.NodeConfig;

/**
 * Joining a running cluster through any of its nodes: what the cluster looks like (read from the node's public
 * {@code /api/v1/cluster}), and the settings of a new node that asks its members to admit it. The new node gets
 * the next free id and a data directory of its own; the node it replaces keeps its canvas on disk.
 */
public final class ClusterJoin {

    /** One member as the contacted node names it. */
    public record Member(int id, String peerAddress) {
    }

    /**
     * The cluster as one of its nodes sees it.
     *
     * @param contactId the node that answered
     * @param shared    the settings every member shares, which a joiner takes on; null from an older node
     * @param shards    how the canvas is cut, {@code COLSxROWS} ({@code 1x1} from a node older than shards)
     * @param replicas  how many members hold each shard
     */
    public record ClusterInfo(int contactId, List<Member> members, int width, int height, Shared shared,
                              String shards, int replicas) {
        public ClusterInfo {
            members = List.copyOf(members);
        }

        /**
         * An id above every member's (ids are never reused), spread at random over the next thousand so that nodes
         * joining at the same moment (LAN discovery starts them together) rarely pick the same one.
         */
        public int nextId(Random random) {
            return members.stream().mapToInt(Member::id).max().orElse(0) + 1 + random.nextInt(1_000);
        }

        /** True when a member with {@code id} listens at an address other than {@code address}: someone else. */
        public boolean takenByAnother(int id, String address) {
            return members.stream().anyMatch(member -> member.id() == id && !member.peerAddress().isEmpty()
                && !member.peerAddress().equals(address));
        }
    }

    /** The cooldown, palette (its colours and background) and moderators a cluster's members share. */
    public record Shared(long cooldownMs, List<Color> palette, int background, java.util.Set<String> moderators) {
        public Shared {
            palette = List.copyOf(palette);
            moderators = java.util.Set.copyOf(moderators);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterJoin() {
    }

    /**
     * Asks the node at {@code hostPort} (its HTTP address, as its window title or browser URL shows it) what its
     * cluster looks like.
     *
     * @throws IOException when nothing answers there, or what answers is not a distri-place node
     */
    public static ClusterInfo fetch(String hostPort) throws IOException, InterruptedException {
        String address = hostPort.strip().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        if (!address.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new IOException("give the node's address as host:port (for example 192.168.1.20:8080), not '"
                + hostPort + "'");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/api/v1/cluster"))
            .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new IOException("no distri-place node answered at " + address + " (" + why + ")", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(address + " answered HTTP " + response.statusCode() + ", not a cluster description");
        }
        return parse(response.body(), address);
    }

    static ClusterInfo parse(String body, String from) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException(from + " is not a distri-place node (its answer is not JSON)", e);
        }
        JsonNode members = root == null ? null : root.path("members");
        if (members == null || !members.isArray() || members.isEmpty() || !root.path("canvas").isObject()) {
            throw new IOException(from + " is not a distri-place node of this version (no member list)");
        }
        List<Member> parsed = new ArrayList<>();
        for (JsonNode member : members) {
            parsed.add(new Member(member.path("id").asInt(), member.path("peerAddress").asText("")));
        }
        JsonNode sharding = root.path("sharding");
        return new ClusterInfo(root.path("nodeId").asInt(), parsed, root.path("canvas").path("width").asInt(),
            root.path("canvas").path("height").asInt(), shared(root.path("settings")),
            sharding.path("shards").asText("1x1"), sharding.path("replicas").asInt(3));
    }

    /** The shared settings {@code GET /api/v1/cluster} names, or null when it names none (an older node). */
    private static Shared shared(JsonNode settings) {
        if (!settings.path("cooldownMs").canConvertToLong() || !settings.path("palette").isArray()
            || !settings.path("moderators").isArray()) {
            return null;
        }
        List<Color> palette = new ArrayList<>();
        for (JsonNode color : settings.path("palette")) {
            java.util.Optional<Color> parsed = Color.parse(color.asText());
            if (parsed.isEmpty()) {
                return null;
            }
            palette.add(parsed.get());
        }
        int background = settings.path("background").asInt(-1);
        if (palette.isEmpty() || background < 0 || background >= palette.size()) {
            return null;
        }
        java.util.Set<String> moderators = new java.util.TreeSet<>();
        settings.path("moderators").forEach(name -> moderators.add(name.asText()));
        return new Shared(settings.path("cooldownMs").asLong(), palette, background, moderators);
    }

    /**
     * Settings for a node that joins {@code cluster}: the next free id, the members as contacts, the cluster's
     * canvas size, shards and shared settings (cooldown, palette, moderators: its members refuse a peer whose differ),
     * a fresh data directory under {@code home}; ports, secret and timings as in {@code base}.
     */
    public static EmbeddedNode.Settings settingsToJoin(ClusterInfo cluster, EmbeddedNode.Settings base, Path home,
                                                       Random random) {
        int id = cluster.nextId(random);
        return joinAs(id, cluster, base, freshDirectory(home, "node-" + id + "-joined-"));
    }

    /**
     * Settings for node {@code id} joining {@code cluster} with its data in {@code dataDir} ({@code node --join}):
     * as {@link #settingsToJoin}, under an id the caller chose. When the cluster names {@code id} already (the node
     * joined before and restarts), it starts as that member.
     */
    public static EmbeddedNode.Settings joinAs(int id, ClusterInfo cluster, EmbeddedNode.Settings base,
                                               Path dataDir) {
        // Never itself, even when it restarts as a member: its stored configurations say that, and a shard's first
        // configuration comes from the members the node starts with, which must be the others (ADR 0017).
        List<Integer> contacts = cluster.members().stream().map(Member::id).filter(member -> member != id).toList();
        NodeConfig.Builder builder = base.config().toBuilder().nodeId(id).members(contacts).address("")
            .canvas(cluster.width(), cluster.height()).shards(cluster.shards()).replicas(cluster.replicas());
        ServerOptions api = base.api();
        if (cluster.shared() != null) {
            Shared shared = cluster.shared();
            builder.cooldownMs(shared.cooldownMs()).palette(new Palette("the cluster's", shared.palette(),
                shared.background()));
            api = api.withModerators(shared.moderators());
        }
        NodeConfig config = builder.build();
        List<PeerAddress> peers = cluster.members().stream()
            .filter(member -> !member.peerAddress().isEmpty() && member.id() != id)
            .map(member -> PeerAddress.parse(member.id() + "@" + member.peerAddress()))
            .toList();
        return new EmbeddedNode.Settings(config, base.bind(), base.httpPort(), base.peerPort(), peers, base.secret(),
            dataDir, base.portsFallBack(), base.snapshots(), api, base.wire());
    }

    /**
     * A directory under {@code home} made now and named {@code prefix} plus a suffix no other directory there has:
     * two copies of the app joining at the same moment under the same id must not share one.
     */
    static Path freshDirectory(Path home, String prefix) {
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        try {
            OwnerOnly.directory(home);
            for (int attempt = 0; ; attempt++) {
                Path candidate = home.resolve(prefix + stamp + (attempt == 0 ? "" : "-" + attempt));
                try {
                    return Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException taken) {
                    // another copy made it first: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a data directory under " + home, e);
        }
    }
}
