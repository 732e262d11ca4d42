package org.distriplace.core.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The settings every member of a cluster must share, set per node at start-up: the canvas's size, its palette, the
 * cooldown and the moderators. Peers compare them at the handshake ({@link Handshake}) and a peer whose settings
 * differ is refused, naming each difference, instead of each node silently painting, timing and moderating by its
 * own. Immutable.
 *
 * @param width      the canvas's width
 * @param height     the canvas's height
 * @param palette    the palette's fingerprint ({@link #fingerprint}): its colours in order
 * @param cooldownMs the cooldown between one player's pixels
 * @param moderators the accounts that moderate
 * @param shards     how the canvas is cut into shards, {@code COLSxROWS} (ADR 0017)
 * @param replicas   how many members hold each shard
 */
public record ClusterSettings(int width, int height, String palette, long cooldownMs, SortedSet<String> moderators,
                              String shards, int replicas) {

    /** What an operator must do about a difference. */
    static final String ADVICE = "every member must run with the same canvas, palette, cooldown, moderators, shards"
        + " and replicas";

    /** The shards of a cluster that is not cut (every member holds the whole canvas), and its replicas' default. */
    static final String ONE_SHARD = "1x1";
    static final int DEFAULT_REPLICAS = 3;

    public ClusterSettings {
        moderators = new TreeSet<>(moderators);
    }

    /** These settings with the canvas cut into {@code layout} ({@code COLSxROWS}) shards of {@code count} replicas. */
    public ClusterSettings withShards(String layout, int count) {
        return new ClusterSettings(width, height, palette, cooldownMs, moderators, layout, count);
    }

    /**
     * Settings of a node; {@code colors} are the palette's colours in order ({@code #RRGGBB}), {@code background}
     * the index of the colour an empty canvas shows.
     */
    public static ClusterSettings of(int width, int height, List<String> colors, int background, long cooldownMs,
                                     Set<String> moderators) {
        return new ClusterSettings(width, height, fingerprint(colors, background), cooldownMs,
            new TreeSet<>(moderators), ONE_SHARD, DEFAULT_REPLICAS);
    }

    /** A palette's fingerprint: 16 hex digits of SHA-256 over its colours in order and its background. */
    static String fingerprint(List<String> colors, int background) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((String.join(",", colors) + ";" + background)
                .getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Each way {@code theirs} (node {@code peer}'s) differs from these, in words; empty when they agree. */
    public List<String> differences(ClusterSettings theirs, int peer) {
        List<String> differences = new ArrayList<>();
        String there = " at node " + peer;
        if (width != theirs.width || height != theirs.height) {
            differences.add("canvas " + width + "x" + height + " here, " + theirs.width + "x" + theirs.height + there);
        }
        if (!palette.equals(theirs.palette)) {
            differences.add("another palette" + there);
        }
        if (cooldownMs != theirs.cooldownMs) {
            differences.add("cooldown " + cooldownMs + " ms here, " + theirs.cooldownMs + " ms" + there);
        }
        if (!moderators.equals(theirs.moderators)) {
            differences.add("moderators " + moderators + " here, " + theirs.moderators + there);
        }
        if (!shards.equals(theirs.shards) || replicas != theirs.replicas) {
            differences.add("shards " + shards + " of " + replicas + " replicas here, " + theirs.shards + " of "
                + theirs.replicas + there);
        }
        return differences;
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("width", width).put("height", height)
            .put("palette", palette).put("cooldownMs", cooldownMs);
        moderators.forEach(json.putArray("moderators")::add);
        // Left out when not sharded, so a one-shard cluster's HELLO is as older builds send and read it.
        if (!ONE_SHARD.equals(shards) || replicas != DEFAULT_REPLICAS) {
            json.put("shards", shards).put("replicas", replicas);
        }
        return json;
    }

    /** The settings a handshake frame carries, if it carries well-formed ones (an older node sends none). */
    static Optional<ClusterSettings> fromJson(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("width").isInt() || !json.path("height").isInt()
            || !json.path("palette").isTextual() || !json.path("cooldownMs").canConvertToLong()
            || !json.path("moderators").isArray() || json.path("moderators").size() > 1_000
            || json.has("shards") && !json.path("shards").isTextual()
            || json.has("replicas") && !json.path("replicas").isInt()) {
            return Optional.empty();
        }
        SortedSet<String> moderators = new TreeSet<>();
        json.path("moderators").forEach(name -> moderators.add(name.asText()));
        return Optional.of(new ClusterSettings(json.path("width").asInt(), json.path("height").asInt(),
            json.path("palette").asText(), json.path("cooldownMs").asLong(), moderators,
            json.path("shards").asText(ONE_SHARD), json.path("replicas").asInt(DEFAULT_REPLICAS)));
    }
}
