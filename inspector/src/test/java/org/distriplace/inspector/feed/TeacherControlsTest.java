package org.distriplace.inspector.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.api.TeacherControl;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.net.MutualChallenge;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.WebSocketFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A teacher's inspector breaking a classroom cluster over loopback, through the nodes' inspect channels: pause and
 * resume, cut and degrade links, heal; refused without the secret, and for a forged or replayed command.
 */
class TeacherControlsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private ClassroomNodes classroom;
    private RemoteNodes remote;

    @BeforeEach
    void start() throws Exception {
        classroom = new ClassroomNodes(2);
        remote = new RemoteNodes(new EventInbox(100_000), "");
    }

    @AfterEach
    void stop() {
        remote.close();
        classroom.close();
    }

    private RemoteNode watching(String secret) throws Exception {
        RemoteNode watched = remote.watch(classroom.address(1), secret);
        Await.until("the watch to settle", Duration.ofSeconds(10), () -> watched.status().state()
            == RemoteNode.State.WATCHING || watched.status().state() == RemoteNode.State.DENIED);
        return watched;
    }

    private static JsonNode done(RemoteNode node, String action, List<Integer> peers, int peer, int drop, int delay)
        throws Exception {
        return node.control(action, peers, peer, drop, delay).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTeacherPausesResumesCutsDegradesAndHealsANodeOnAnotherMachine() throws Exception {
        RemoteNode student = watching(ClassroomNodes.SECRET);
        Node one = classroom.node(1);
        JsonNode paused = done(student, "pause", List.of(), 0, 0, 0);
        assertTrue(paused.path("ok").asBoolean(), paused.toString());
        assertTrue(paused.path("state").path("paused").asBoolean());
        assertTrue(one.isPaused());
        assertTrue(done(student, "resume", List.of(), 0, 0, 0).path("ok").asBoolean());
        Await.until("node 1 running again", Duration.ofSeconds(5), () -> !one.isPaused());

        JsonNode cut = done(student, "cut", List.of(2), 0, 0, 0);
        assertEquals("[2]", cut.path("state").path("cutOff").toString());
        assertEquals(Set.of(2), one.faults().cutOff());
        done(student, "heal", List.of(), 0, 0, 0);
        assertTrue(done(student, "link", List.of(), 2, 40, 150).path("state").path("links").asBoolean());
        assertEquals(Set.of(2), one.faults().degraded());
        assertFalse(done(student, "heal", List.of(), 0, 0, 0).path("state").path("links").asBoolean());
        assertTrue(one.cutOffPeers().isEmpty() && one.degradedPeers().isEmpty(), "every link healed");
    }

    @Test
    void withoutTheSecretNothingCanBeCommanded() throws Exception {
        RemoteNode stranger = watching("not the secret");
        assertEquals(RemoteNode.State.DENIED, stranger.status().state());
        assertTrue(stranger.control("pause", List.of(), 0, 0, 0).handle((ok, failure) -> failure != null)
            .get(10, TimeUnit.SECONDS));
        assertFalse(classroom.node(1).isPaused());
    }

    /** On a proven channel, a command with a wrong proof, or one sent again, is refused and changes nothing. */
    @Test
    void aForgedOrReplayedCommandIsRefused() throws Exception {
        WebSocketFrames frames = new WebSocketFrames();
        WebSocket socket = WebSocketFrames.connect("ws://" + classroom.address(1) + "/inspect", frames);
        ClusterSecret secret = new ClusterSecret(ClassroomNodes.SECRET);
        JsonNode challenge = frames.next("challenge");
        String nodeNonce = challenge.path("nonce").asText();
        String mine = ClusterSecret.nonce();
        socket.sendText(JSON.createObjectNode().put("type", "hello").put("nonce", mine).put("proof",
            MutualChallenge.INSPECTORS.answer(secret, nodeNonce, mine, 1)).toString(), true);
        frames.next("accepted");

        TeacherControl pause = new TeacherControl(1, "pause", List.of(), 0, 0, 0);
        var forged = pause.toJson(new ClusterSecret("a guess"), 1, nodeNonce, mine);
        socket.sendText(forged.toString(), true);
        JsonNode refused = frames.next(TeacherControl.DONE);
        assertFalse(refused.path("ok").asBoolean());
        assertTrue(refused.path("reason").asText().contains("proof"), refused.toString());
        assertFalse(classroom.node(1).isPaused());

        TeacherControl cut = new TeacherControl(2, "cut", List.of(2), 0, 0, 0);
        socket.sendText(cut.toJson(secret, 1, nodeNonce, mine).toString(), true);
        assertTrue(frames.next(TeacherControl.DONE).path("ok").asBoolean());
        socket.sendText(cut.toJson(secret, 1, nodeNonce, mine).toString(), true);
        JsonNode replayed = frames.next(TeacherControl.DONE);
        assertFalse(replayed.path("ok").asBoolean(), "the same command again: " + replayed);
        assertTrue(replayed.path("reason").asText().contains("rise"), replayed.toString());
        socket.abort();
    }
}
