package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.engine.PeerControls;

/**
 * A teacher's command to a node over its inspect channel, once the inspector proved the cluster secret: pause or
 * resume the node, cut it off from some peers, degrade its link to one, or heal every link. Each command is signed
 * on its own ({@code proof}, an HMAC under the secret over the session's two nonces, a rising sequence number and
 * the command), so nothing can be injected into or replayed on an open channel without the secret:
 * <pre>
 * {"type":"control","seq":1,"action":"cut","peers":[2,3],"proof":…}
 * {"type":"control","seq":2,"action":"link","peer":2,"drop":30,"delay":200,"proof":…}
 * {"type":"control","seq":3,"action":"pause"|"resume"|"heal","proof":…}
 * </pre>
 * The node answers {@code {"type":"control-done","seq":…,"ok":…,"reason":…,"state":{"paused","cutOff","links"}}}.
 * Pure, apart from {@link #apply}.
 */
public record TeacherControl(long seq, String action, List<Integer> peers, int peer, int drop, int delay) {

    public static final String TYPE = "control";
    public static final String DONE = "control-done";
    private static final Set<String> ACTIONS = Set.of("pause", "resume", "cut", "link", "heal");

    public TeacherControl {
        peers = List.copyOf(peers);
    }

    /** What the proof covers: the command, written one way only. */
    String canonical() {
        return action + "|" + peers + "|" + peer + "|" + drop + "|" + delay;
    }

    /** The inspector's proof of this command, in the session its two nonces name. */
    public String prove(ClusterSecret secret, int nodeId, String nodeNonce, String clientNonce) {
        return secret.prove("INSPECT-CONTROL", nodeId, nodeNonce, clientNonce, seq, canonical());
    }

    /** The command as the inspector sends it. */
    public ObjectNode toJson(ClusterSecret secret, int nodeId, String nodeNonce, String clientNonce) {
        ObjectNode json = Responses.JSON.createObjectNode().put("type", TYPE).put("seq", seq).put("action", action);
        ArrayNode list = json.putArray("peers");
        peers.forEach(list::add);
        return json.put("peer", peer).put("drop", drop).put("delay", delay)
            .put("proof", prove(secret, nodeId, nodeNonce, clientNonce));
    }

    /** The command in {@code json}, if it is one (its proof is checked apart). */
    static Optional<TeacherControl> parse(JsonNode json) {
        if (!TYPE.equals(json.path("type").asText()) || !json.path("seq").canConvertToLong()
            || !ACTIONS.contains(json.path("action").asText()) || !json.path("proof").isTextual()) {
            return Optional.empty();
        }
        List<Integer> peers = new ArrayList<>();
        for (JsonNode peer : json.path("peers")) {
            if (!peer.canConvertToInt() || peers.size() >= 64) {
                return Optional.empty();
            }
            peers.add(peer.asInt());
        }
        int drop = json.path("drop").asInt(0);
        int delay = json.path("delay").asInt(0);
        if (drop < 0 || drop > 100 || delay < 0 || delay > 60_000) {
            return Optional.empty();
        }
        return Optional.of(new TeacherControl(json.get("seq").asLong(), json.get("action").asText(), peers,
            json.path("peer").asInt(0), drop, delay));
    }

    /** Does the command to {@code node}. */
    void apply(PeerControls node) {
        switch (action) {
            case "pause" -> node.pause();
            case "resume" -> node.resume();
            case "cut" -> node.cutOff(new TreeSet<>(peers));
            case "link" -> node.degradeLink(peer, drop, delay);
            default -> node.healLinks();
        }
    }
}
