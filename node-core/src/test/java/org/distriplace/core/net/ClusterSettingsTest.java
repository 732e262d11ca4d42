package org.distriplace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.distriplace.core.wire.Wire;
import org.junit.jupiter.api.Test;

/** The settings members must share: compared in words, carried in HELLO, and odd ones in a frame are ignored. */
class ClusterSettingsTest {

    private static final List<String> PALETTE = List.of("#FFFFFF", "#000000", "#FF4500");

    @Test
    void eachDifferenceIsNamedAndEqualSettingsHaveNone() {
        ClusterSettings mine = ClusterSettings.of(1000, 1000, PALETTE, 0, 5_000, Set.of("bob", "alice"));
        assertEquals(List.of(), mine.differences(ClusterSettings.of(1000, 1000, PALETTE, 0, 5_000, Set.of("alice",
            "bob")), 2), "the moderators' order does not matter");
        assertEquals(List.of("canvas 1000x1000 here, 500x500 at node 3", "another palette at node 3",
            "cooldown 5000 ms here, 0 ms at node 3", "moderators [alice, bob] here, [alice] at node 3"),
            mine.differences(ClusterSettings.of(500, 500, List.of("#FFFFFF", "#FF4500", "#000000"), 0, 0,
                Set.of("alice")), 3));
        assertEquals(List.of("another palette at node 4"), mine.differences(ClusterSettings.of(1000, 1000, PALETTE,
            2, 5_000, Set.of("alice", "bob")), 4), "the same colours with another background");
    }

    @Test
    void settingsSurviveTheirJsonAndMalformedOnesAreAbsent() throws Exception {
        ClusterSettings mine = ClusterSettings.of(640, 480, PALETTE, 0, 2_500, Set.of("alice"));
        assertEquals(Optional.of(mine), ClusterSettings.fromJson(mine.toJson()));
        ObjectMapper json = new ObjectMapper();
        for (String odd : List.of("null", "[]", "{}", "{\"width\":\"wide\"}", "{\"width\":1,\"height\":1,"
            + "\"palette\":\"p\",\"cooldownMs\":0,\"moderators\":\"alice\"}")) {
            assertTrue(ClusterSettings.fromJson(json.readTree(odd)).isEmpty(), odd);
        }
        assertTrue(ClusterSettings.fromJson(null).isEmpty(), "an older node sends none");
    }

    /** A one-shard cluster's HELLO, byte for byte: older builds must read it, and it them (ADR 0017). */
    @Test
    void aOneShardClustersHelloIsPinned() {
        ClusterSettings settings = ClusterSettings.of(100, 80, PALETTE, 0, 2_000, Set.of("alice"));
        assertEquals("{\"type\":\"HELLO\",\"node_id\":2,\"nonce\":\"n0\",\"proof\":\"p0\",\"wire\":\"binary\","
            + "\"settings\":{\"width\":100,\"height\":80,\"palette\":\"" + ClusterSettings.fingerprint(PALETTE, 0)
            + "\",\"cooldownMs\":2000,\"moderators\":[\"alice\"]}}",
            Handshake.hello(2, "n0", "p0", Wire.BINARY, settings).toString(StandardCharsets.UTF_8));
    }

    @Test
    void shardsAndReplicasMustAgreeAndTravelOnlyWhenTheCanvasIsCut() throws Exception {
        ClusterSettings one = ClusterSettings.of(640, 480, PALETTE, 0, 2_500, Set.of());
        ClusterSettings cut = one.withShards("3x2", 3);
        assertEquals(List.of("shards 3x2 of 3 replicas here, 1x1 of 3 at node 5"), cut.differences(one, 5));
        assertEquals(List.of("shards 3x2 of 3 replicas here, 3x2 of 5 at node 5"),
            cut.differences(one.withShards("3x2", 5), 5));
        assertTrue(!one.toJson().has("shards"), "a one-shard cluster's settings are as older builds send them");
        assertEquals(Optional.of(cut), ClusterSettings.fromJson(cut.toJson()));
        assertEquals(Optional.of(one), ClusterSettings.fromJson(one.toJson()), "missing: one shard of three");
        ObjectMapper json = new ObjectMapper();
        assertTrue(ClusterSettings.fromJson(json.readTree("{\"width\":1,\"height\":1,\"palette\":\"p\","
            + "\"cooldownMs\":0,\"moderators\":[],\"shards\":3}")).isEmpty());
    }
}
