package org.distriplace.app.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.distriplace.core.net.ClusterSecret;

/**
 * What a node announces on the LAN every few seconds: its cluster's name, a random id for this run of the app
 * ({@code instance}: two machines left on the default node id still tell their beacons apart), its node id, the
 * ports peers and browsers use, and the members it knows. A tag (HMAC with the cluster secret over every field) lets only nodes holding
 * the same secret believe it; the secret itself is never sent. One small JSON datagram.
 */
public record Beacon(String cluster, String instance, int nodeId, int peerPort, int httpPort, List<Integer> members) {

    /** Datagrams larger than this are not beacons. */
    public static final int MAX_BYTES = 1_024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    public Beacon {
        members = List.copyOf(members);
    }

    /** The datagram, tagged with {@code secret}. */
    public byte[] encode(ClusterSecret secret) {
        ObjectNode node = JSON.createObjectNode().put("v", VERSION).put("cluster", cluster)
            .put("instance", instance).put("id", nodeId)
            .put("peerPort", peerPort).put("httpPort", httpPort);
        ArrayNode ids = node.putArray("members");
        members.forEach(ids::add);
        node.put("tag", secret.prove(tagged()));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The beacon in {@code datagram}, if it is one whose tag {@code secret} verifies; anything else is empty. */
    public static Optional<Beacon> decode(byte[] datagram, int length, ClusterSecret secret) {
        if (length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(new String(datagram, 0, length, StandardCharsets.UTF_8));
            if (node == null || node.path("v").asInt() != VERSION || !node.path("cluster").isTextual()
                || !node.path("instance").isTextual() || !node.path("id").canConvertToInt()
                || !node.path("members").isArray()) {
                return Optional.empty();
            }
            List<Integer> members = new ArrayList<>();
            node.path("members").forEach(id -> members.add(id.asInt()));
            Beacon beacon = new Beacon(node.path("cluster").asText(), node.path("instance").asText(),
                node.path("id").asInt(),
                node.path("peerPort").asInt(), node.path("httpPort").asInt(), members);
            boolean valid = beacon.nodeId() > 0 && validPort(beacon.peerPort()) && validPort(beacon.httpPort())
                && secret.verify(node.path("tag").asText(null), beacon.tagged());
            return valid ? Optional.of(beacon) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean validPort(int port) {
        return port > 0 && port <= 65_535;
    }

    /** A fresh instance id for this run. */
    public static String newInstance() {
        return Long.toHexString(new SecureRandom().nextLong());
    }

    private String tagged() {
        return "beacon/" + VERSION + "/" + cluster + "/" + instance + "/" + nodeId + "/" + peerPort + "/" + httpPort
            + "/" + members;
    }
}
