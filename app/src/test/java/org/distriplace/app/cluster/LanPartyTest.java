package org.distriplace.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.distriplace.app.testing.TestLogs;
import org.distriplace.app.testing.VirtualLan;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LAN party on a real (virtual) LAN: each player's app, headless, in a network namespace of its own on one bridge,
 * finding the others by real multicast. Five players auto-join one cluster and paint; three quit (SIGTERM, as a
 * logout sends) one every three seconds; the two left paint on; a sixth arrives late and joins. Skipped, saying why,
 * where namespaces cannot be made.
 */
class LanPartyTest {

    private static final String SECRET = "lan-party-secret";
    private static final Duration FORMING = Duration.ofSeconds(120);
    private static final TestHttp HTTP = new TestHttp();

    @TempDir
    Path dir;

    private VirtualLan lan;
    private final Map<Integer, Process> players = new LinkedHashMap<>();

    @AfterEach
    void tearDown() throws InterruptedException, IOException {
        for (Process player : players.values()) {
            player.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (lan != null) {
            lan.close();
        }
        TestLogs.keep(dir);
    }

    private void arrive(int player) throws IOException, InterruptedException {
        String ns = lan.addPlayer(player);
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
            "-Ddistri-place.home=" + dir.resolve("player-" + player), "-cp", System.getProperty("java.class.path"),
            "org.distriplace.app.Main", "app", "--user", "player-" + player, "--cluster-secret", SECRET,
            "--cooldown", "0", "--heartbeat-ms", "300", "--failure-timeout-ms", "2000", "--http-port", "8080",
            "--peer-port", Integer.toString(org.distriplace.app.NodeOptions.DEFAULT_PEER_PORT));
        ProcessBuilder builder = new ProcessBuilder(VirtualLan.inNamespace(ns, java)).redirectErrorStream(true)
            .redirectOutput(dir.resolve("player-" + player + ".log").toFile());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        players.put(player, builder.start());
    }

    private static String url(int player, String path) {
        return "http://" + VirtualLan.SUBNET + "." + player + ":8080" + path;
    }

    private static JsonNode cluster(int player) {
        return HTTP.jsonOrNull(url(player, "/api/v1/cluster"));
    }

    /** The node ids of the configuration as {@code player}'s node holds it, if it is a ready member. */
    private static Set<Integer> membersSeenBy(int player) {
        JsonNode view = cluster(player);
        Set<Integer> ids = new TreeSet<>();
        if (view != null && view.path("member").asBoolean() && view.path("ready").asBoolean()) {
            view.path("members").forEach(member -> ids.add(member.path("id").asInt()));
        }
        return ids;
    }

    private static int nodeIdOf(int player) {
        JsonNode view = cluster(player);
        return view == null ? 0 : view.path("nodeId").asInt();
    }

    /** True when every one of {@code group} is a ready member of one configuration made of exactly them. */
    private static boolean oneClusterOf(List<Integer> group) {
        Set<Integer> ids = new TreeSet<>();
        for (int player : group) {
            ids.add(nodeIdOf(player));
        }
        return !ids.contains(0) && ids.size() == group.size()
            && group.stream().allMatch(player -> membersSeenBy(player).equals(ids));
    }

    private static void paints(int player, int x) throws Exception {
        HttpResponse<String> placed = HTTP.post(url(player, "/pixel"), "{\"x\":" + x + ",\"y\":1,\"color\":"
            + "\"#FF4500\"}");
        assertEquals(200, placed.statusCode(), "player " + player + ": " + placed.body());
    }

    @Test
    void fivePlayersAutoJoinPaintThreeQuitTheTwoLeftPaintOnAndALateSixthJoins() throws Exception {
        try {
            lan = VirtualLan.create();
        } catch (VirtualLan.Unavailable why) {
            Assumptions.abort("no virtual LAN here: " + why.getMessage());
        }
        List<Integer> party = new ArrayList<>(List.of(2, 3, 4, 5, 6));
        for (int player : party) {
            arrive(player);
        }
        long started = System.nanoTime();
        Await.until("five players in one cluster", FORMING, () -> oneClusterOf(party));
        System.out.printf("five apps formed one cluster in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        for (int player : party) {
            paints(player, player);
        }

        // Three go home, one every 3 s (the pace of the evening), each quitting as a logout does: SIGTERM.
        Map<Integer, Integer> nodeIds = new LinkedHashMap<>();
        List.of(2, 4, 6).forEach(quitter -> nodeIds.put(quitter, nodeIdOf(quitter)));
        ScheduledExecutorService evening = Executors.newSingleThreadScheduledExecutor();
        try {
            int order = 0;
            for (int quitter : nodeIds.keySet()) {
                evening.schedule(() -> players.get(quitter).destroy(), 3L * order++, TimeUnit.SECONDS);
            }
            party.removeAll(nodeIds.keySet());
            Await.until("the three who quit gone from the configuration", FORMING, () -> party.stream()
                .noneMatch(player -> membersSeenBy(player).stream().anyMatch(nodeIds.values()::contains)));
        } finally {
            evening.shutdown();
        }
        for (int quitter : nodeIds.keySet()) {
            assertTrue(players.get(quitter).waitFor(30, TimeUnit.SECONDS), "player " + quitter + " quit");
        }
        Await.until("the two left in one cluster", FORMING, () -> oneClusterOf(party));
        paints(3, 10);
        paints(5, 11);

        arrive(7);
        party.add(7);
        Await.until("the late sixth admitted", FORMING, () -> oneClusterOf(party));
        assertNotEquals(0, nodeIdOf(7));
        paints(7, 12);
        String canvas = HTTP.get(url(7, "/canvas")).body();
        assertTrue(canvas.contains("\"10,1\"") && canvas.contains("\"2,1\""), "the late player sees the evening's "
            + "canvas: " + canvas);
    }
}
