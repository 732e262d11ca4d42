package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.event.Role;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.distriplace.core.testing.WebSocketFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: Prometheus' text format, whose counters move as pixels are placed and refused. */
class NodeMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile(
        "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*\\})? "
            + "(-?[0-9.]+(?:[eE][-+]?[0-9]+)?|[-+]?Inf|NaN)( -?[0-9]+)?");
    private static final Pattern META = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");

    @TempDir
    Path dir;

    private final TestHttp http = new TestHttp();

    /** Every line is a comment, a HELP or TYPE line, or a sample; returns the samples, name with labels → value. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || META.matcher(line).matches()) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not Prometheus text: " + line);
            samples.put(line.substring(0, line.lastIndexOf(' ')), Double.parseDouble(sample.group(4)
                .replace("+Inf", "Infinity").replace("-Inf", "-Infinity").replace("Inf", "Infinity")));
        }
        return samples;
    }

    private Map<String, Double> scrape(EmbeddedNode node) throws Exception {
        HttpResponse<String> response = http.get("http://127.0.0.1:" + node.httpPort() + "/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
        return parse(response.body());
    }

    @Test
    void countersMoveWhenPixelsArePlacedAndRefused() throws Exception {
        NodeConfig config = NodeConfig.builder(1, List.of(1)).canvas(20, 20).cooldownMs(60_000).build();
        try (EmbeddedNode node = EmbeddedNode.start(new EmbeddedNode.Settings(config, "127.0.0.1", 0, 0, List.of(),
                "secret", dir.resolve("node-1"), false), EventSink.NONE)) {
            Await.until("node 1 leading", Duration.ofSeconds(20), () -> node.node().report().join().leaderActive());
            Map<String, Double> before = scrape(node);
            assertEquals(1.0, before.get("distriplace_role{node=\"1\",role=\"leader\"}"), before.toString());
            assertTrue(before.get("distriplace_epoch{node=\"1\"}") >= 1);
            assertTrue(before.keySet().stream().anyMatch(key -> key.startsWith("jvm_memory_used_bytes{")),
                "the JVM's too");
            double committed = before.getOrDefault("distriplace_writes_committed_total{node=\"1\"}", 0.0);

            for (int i = 0; i < 5; i++) {
                node.node().place("player-" + i, i, 1, Color.of("#FF4500")).get(10, TimeUnit.SECONDS);
            }
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> node.node().place("player-0", 9, 9, Color.of("#FF4500")).get(10, TimeUnit.SECONDS));
            assertTrue(refused.getCause().getMessage().toLowerCase().contains("wait")
                || refused.getCause().toString().contains("COOLDOWN"), refused.getCause().toString());

            Map<String, Double> after = scrape(node);
            assertEquals(committed + 5, after.get("distriplace_writes_committed_total{node=\"1\"}"), 0.0);
            assertTrue(after.get("distriplace_batch_size_count{node=\"1\"}") >= 1, after.toString());
            assertTrue(after.get("distriplace_commit_round_seconds_count{node=\"1\",outcome=\"commit\"}") >= 1);
            assertEquals(1.0, after.get("distriplace_placements_refused_total{node=\"1\",reason=\"COOLDOWN\"}"));
            assertTrue(after.get("distriplace_storage_transaction_seconds_count{node=\"1\"}") >= 1, "group commits");
            assertTrue(after.get("distriplace_storage_transaction_writes_sum{node=\"1\"}") >= 5);
            assertEquals(0.0, after.get("distriplace_websocket_clients{node=\"1\"}"), "nobody connected by WebSocket");
            assertEquals(0.0, after.get("distriplace_websocket_frames_sent_total{node=\"1\"}"));
            assertEquals(0.0, after.get("distriplace_websocket_sent_bytes_total{node=\"1\"}"));

            WebSocketFrames frames = new WebSocketFrames();
            java.net.http.WebSocket socket = WebSocketFrames.connect("ws://127.0.0.1:" + node.httpPort() + "/ws",
                frames);
            frames.next("canvas");
            node.node().place("player-9", 9, 9, Color.of("#2450A4")).get(10, TimeUnit.SECONDS);
            frames.next("pixels");
            Map<String, Double> watched = scrape(node);
            assertEquals(1.0, watched.get("distriplace_websocket_clients{node=\"1\"}"));
            assertTrue(watched.get("distriplace_websocket_frames_sent_total{node=\"1\"}") >= 3,
                "welcome, canvas, pixels: " + watched.get("distriplace_websocket_frames_sent_total{node=\"1\"}"));
            assertTrue(watched.get("distriplace_websocket_sent_bytes_total{node=\"1\"}") > 20 * 20);
            socket.abort();
        }
    }

    /** A sharded node's shard groups (ADR 0017) get series of their own, tagged by shard, and count in the node's. */
    @Test
    void aShardsEventsMoveItsOwnSeriesAndTheNodes() {
        NodeMetrics metrics = new NodeMetrics(4);
        assertTrue(parse(metrics.scrape()).keySet().stream().noneMatch(name -> name.contains("shard=")),
            "a node of one shard has no shard series");
        PixelWrite write = new PixelWrite(1, 1, Color.of("#FF4500"), "ada", 4, 1, 1_000, 4,
            VectorClock.EMPTY.with(4, 1));
        metrics.emit(new NodeEvent.InGroup(3, new NodeEvent.Committed(5, 4, 1, 1, 4, List.of(write, write))));
        metrics.emit(new NodeEvent.InGroup(3, new NodeEvent.RoleChanged(6, 4, Role.LEADER, 4, 7)));
        metrics.emit(new NodeEvent.InGroup(1, new NodeEvent.RoleChanged(6, 4, Role.FOLLOWER, 2, 3)));
        Map<String, Double> samples = parse(metrics.scrape());
        assertEquals(2.0, samples.get("distriplace_shard_writes_committed_total{node=\"4\",shard=\"2\"}"));
        assertEquals(1.0, samples.get("distriplace_shard_leading{node=\"4\",shard=\"2\"}"));
        assertEquals(0.0, samples.get("distriplace_shard_leading{node=\"4\",shard=\"0\"}"));
        assertEquals(7.0, samples.get("distriplace_shard_epoch{node=\"4\",shard=\"2\"}"));
        assertEquals(2.0, samples.get("distriplace_writes_committed_total{node=\"4\"}"), "the node's own count too");
        assertEquals(2.0, samples.get("distriplace_writes_led_total{node=\"4\"}"), "node 4 led that batch");
        metrics.emit(new NodeEvent.InGroup(1, new NodeEvent.Committed(7, 4, 3, 1, 2, List.of(write))));
        assertEquals(2.0, parse(metrics.scrape()).get("distriplace_writes_led_total{node=\"4\"}"),
            "a batch node 2 led is not node 4's");
        assertEquals(1.0, samples.get("distriplace_role{node=\"4\",role=\"follower\"}"),
            "the node's role is the cluster group's, not a shard's");
    }
}
