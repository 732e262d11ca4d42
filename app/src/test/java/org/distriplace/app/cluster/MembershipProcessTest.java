package org.distriplace.app.cluster;

import static org.distriplace.app.testing.TestCluster.leads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.app.testing.CommandRun;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.app.testing.ProcessClusterTest;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * Membership for real events, with nodes as separate processes on loopback: players quit (SIGTERM) and the rest
 * paint on, an operator removes killed nodes, the leader removes long-dead ones by itself, a removed node comes back,
 * a lone survivor answers at once, and a survivor is forced into a new cluster the others then rejoin.
 */
class MembershipProcessTest extends ProcessClusterTest {

    private static final String SECRET = "membership-test-secret";
    private static final Duration STEP = Duration.ofSeconds(30);


    private List<NodeProcess> cluster(int count) throws Exception {
        nodes.addAll(TestCluster.of(count, dir, 0, SECRET));
        return nodes;
    }

    private NodeProcess node(int id) {
        return nodes.get(id - 1);
    }

    private void startAllAndAwaitLeader(int leader) throws Exception {
        for (NodeProcess node : nodes) {
            node.start();
        }
        List<NodeProcess> followers = nodes.stream().filter(node -> node.id != leader).toList();
        Await.until("node " + leader + " leads a ready cluster", Duration.ofSeconds(60),
            () -> leads(node(leader), followers));
    }

    /** The configuration's member ids as {@code node} holds it, or an empty list if it does not answer. */
    private static List<Integer> members(NodeProcess node) {
        JsonNode view = node.cluster();
        List<Integer> ids = new ArrayList<>();
        if (view != null) {
            view.path("members").forEach(member -> ids.add(member.path("id").asInt()));
        }
        return ids;
    }

    private static void awaitMembers(List<Integer> expected, NodeProcess... at) throws InterruptedException {
        for (NodeProcess node : at) {
            Await.until(node + " holds configuration " + expected, STEP, () -> members(node).equals(expected));
        }
    }

    private static void paints(NodeProcess node, int x) throws Exception {
        HttpResponse<String> placed = node.place(x, 7, "#FF4500");
        assertEquals(200, placed.statusCode(), node + ": " + placed.body());
    }

    private static String output(NodeProcess node) {
        try {
            return node.output();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static boolean ready(NodeProcess node) {
        JsonNode view = node.cluster();
        return view != null && view.path("ready").asBoolean() && view.path("member").asBoolean();
    }

    @Test
    void threePlayersQuitOneByOneAndTheLastTwoPaintOn() throws Exception {
        cluster(5);
        startAllAndAwaitLeader(5);
        paints(node(1), 1);
        List<Integer> left = new ArrayList<>(List.of(1, 2, 3, 4, 5));
        for (int quitter : List.of(5, 4, 3)) {
            long sigterm = System.nanoTime();
            node(quitter).terminate();
            left.remove(Integer.valueOf(quitter));
            awaitMembers(left, node(1));
            long goneMs = (System.nanoTime() - sigterm) / 1_000_000;
            System.out.printf("SIGTERM to node %d -> gone from the configuration in %d ms%n", quitter, goneMs);
            assertTrue(node(quitter).output().contains("left the cluster"), node(quitter).output());
        }
        awaitMembers(List.of(1, 2), node(2));
        Await.until("a leader of the two", STEP, () -> leads(node(2), List.of(node(1))));
        paints(node(1), 2);
        paints(node(2), 3);

        // Issue 25: a player who quit and starts again without --rejoin was told nothing for minutes.
        node(5).start();
        Await.until("node 5, which left, says at start that it stays out", STEP,
            () -> output(node(5)).contains("it left or was removed, and stays out"));
        Await.until("node 5's /readyz to answer 503 naming the way back", STEP, () -> {
            try {
                HttpResponse<String> readyz = node(5).get("/readyz");
                return readyz.statusCode() == 503 && readyz.body().contains("start it with --rejoin");
            } catch (java.io.IOException serverNotUpYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertEquals(List.of(1, 2), members(node(1)), "the others are undisturbed");
    }

    @Test
    void killedNodesAreRemovedByAnOperatorAndTheThreeLeftSurviveAnotherKill() throws Exception {
        cluster(5);
        startAllAndAwaitLeader(5);
        node(4).kill9();
        node(5).kill9();
        Await.until("node 3 leads the three left", Duration.ofSeconds(60), () -> leads(node(3), List.of(node(1),
            node(2))));
        String at = "127.0.0.1:" + node(1).httpPort;

        CommandRun wrongSecret = new CommandRun();
        assertEquals(1, wrongSecret.run("members", "remove", "5", "--node", at, "--cluster-secret", "guess"));
        assertTrue(wrongSecret.err().contains("UNAUTHORIZED"), wrongSecret.err());
        CommandRun unknown = new CommandRun();
        assertEquals(1, unknown.run("members", "remove", "9", "--node", at, "--cluster-secret", SECRET));
        assertTrue(unknown.err().contains("UNKNOWN_MEMBER"), unknown.err());
        CommandRun self = new CommandRun();
        assertEquals(1, self.run("members", "remove", "1", "--node", at, "--cluster-secret", SECRET));
        assertTrue(self.err().contains("SELF"), self.err());
        assertEquals(List.of(1, 2, 3, 4, 5), members(node(1)), "refusals change nothing");

        for (int dead : List.of(5, 4)) {
            CommandRun remove = new CommandRun();
            assertEquals(0, remove.run("members", "remove", Integer.toString(dead), "--node", at, "--cluster-secret",
                SECRET), remove.err());
            assertTrue(remove.out().contains("removed node " + dead), remove.out());
        }
        awaitMembers(List.of(1, 2, 3), node(1), node(2), node(3));
        CommandRun list = new CommandRun();
        assertEquals(0, list.run("members", "list", "--node", at));
        assertTrue(list.out().matches("(?s).*\\n\\s+3\\s+127\\.0\\.0\\.1:\\d+\\s+ALIVE, leader\\n.*"), list.out());

        node(3).kill9();
        Await.until("node 2 leads the two left", Duration.ofSeconds(60), () -> leads(node(2), List.of(node(1))));
        paints(node(1), 4);
    }

    @Test
    void theLeaderRemovesALongDeadMemberAndTheRemovedNodeComesBackOnlyWhenToldToRejoin() throws Exception {
        cluster(3);
        nodes.forEach(node -> node.set("--auto-remove-after", "2s"));
        startAllAndAwaitLeader(3);
        node(1).kill9();
        awaitMembers(List.of(2, 3), node(2), node(3));

        node(1).start();
        Await.until("node 1 says it was removed", STEP, () -> output(node(1)).contains("no longer a member"));
        JsonNode view = node(1).cluster();
        assertTrue(!view.path("member").asBoolean(), view.toString());
        HttpResponse<String> refused = node(1).place(5, 5, "#FF4500");
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("NOT_READY"), refused.body());
        assertEquals(List.of(2, 3), members(node(3)), "the others are undisturbed");

        assertNotEquals(-1, node(1).terminate(), "it exits on SIGTERM");
        node(1).set("--rejoin", null).start();
        awaitMembers(List.of(1, 2, 3), node(3), node(1));
        Await.until("node 1 ready again", STEP, () -> ready(node(1)));
        paints(node(1), 6);
    }

    @Test
    void aLoneSurvivorAnswersAtOnceAndIsForcedIntoANewClusterTheOthersRejoin() throws Exception {
        cluster(3);
        nodes.forEach(node -> node.set("--failure-timeout-ms", "1000"));
        startAllAndAwaitLeader(3);
        paints(node(1), 8);
        node(2).kill9();
        node(3).kill9();
        Await.until("node 1 sees both peers dead", STEP, () -> {
            JsonNode view = node(1).cluster();
            return view != null && view.path("peers").size() == 2 && java.util.stream.StreamSupport
                .stream(view.path("peers").spliterator(), false)
                .allMatch(peer -> peer.path("status").asText().equals("DEAD"));
        });
        long placed = System.nanoTime();
        HttpResponse<String> refused = node(1).place(9, 9, "#FF4500");
        long answeredMs = (System.nanoTime() - placed) / 1_000_000;
        System.out.printf("lone survivor answered %d in %d ms%n", refused.statusCode(), answeredMs);
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("NO_QUORUM") && refused.body().contains("nothing was sent"),
            "refused on the spot, not at the deadline: " + refused.body());

        assertNotEquals(-1, node(1).terminate(), "it stops even though it cannot leave");
        assertTrue(node(1).output().contains("could not leave"), node(1).output());
        node(1).set("--force-new-cluster", null).start();
        Await.until("node 1 leads alone", STEP, () -> leads(node(1), List.of()));
        assertTrue(node(1).output().contains("FORCED_NEW_CLUSTER") || node(1).output().contains("forced out"),
            node(1).output());
        JsonNode alone = node(1).cluster();
        assertEquals(List.of(1), members(node(1)));
        assertTrue(alone.path("configVersion").asLong() >= 1_000, alone.toString());
        assertTrue(node(1).get("/canvas").body().contains("\"8,7\""), "the canvas is kept");
        paints(node(1), 10);

        node(2).set("--rejoin", null).start();
        awaitMembers(List.of(1, 2), node(1), node(2));
        Await.until("node 2 ready in the new cluster", STEP, () -> ready(node(2)));
        assertTrue(node(2).get("/canvas").body().contains("\"10,7\""), "it caught up with the new cluster");
    }
}
