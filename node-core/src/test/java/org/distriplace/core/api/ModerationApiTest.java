package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bans and unbans over real loopback sockets, for moderators only. */
class ModerationApiTest {

    private static final String PIXEL = "{\"x\":1,\"y\":1,\"color\":\"#FF4500\"}";
    private Node node;
    private ApiServer server;
    private String base;
    private final TestHttp alice = TestHttp.withCookies();
    private final TestHttp mallory = TestHttp.withCookies();

    @BeforeEach
    void start() throws Exception {
        node = LoneNode.started(20, 10, 0);
        server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults()
            .withModerators(Set.of("alice")));
        server.start();
        base = "http://127.0.0.1:" + server.port();
        assertEquals(201, alice.post(base + "/api/v1/auth/register", "{\"username\":\"alice\",\"password\":"
            + "\"moderator pass\"}").statusCode());
        assertEquals(201, mallory.post(base + "/api/v1/auth/register", "{\"username\":\"mallory\",\"password\":"
            + "\"vandal pass\"}").statusCode());
    }

    @AfterEach
    void stop() {
        server.close();
        node.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Responses.JSON.readTree(response.body());
    }

    @Test
    void aModeratorBansAPlayerWhosePlacementsAreRefusedUntilUnbanned() throws Exception {
        assertEquals(200, mallory.post(base + "/pixel", PIXEL).statusCode());
        HttpResponse<String> banned = alice.post(base + "/api/v1/mod/ban", "{\"username\":\"mallory\","
            + "\"reason\":\"vandalism\"}");
        assertEquals(200, banned.statusCode(), banned.body());
        assertEquals("{\"banned\":\"mallory\",\"by\":\"alice\"}", banned.body());
        HttpResponse<String> refused = mallory.post(base + "/pixel", PIXEL);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("BANNED", json(refused).path("error").path("code").asText());
        assertTrue(json(mallory.get(base + "/api/v1/auth/me")).path("banned").asBoolean());

        JsonNode bans = json(alice.get(base + "/api/v1/mod/bans")).path("bans");
        assertEquals(1, bans.size());
        assertEquals("mallory", bans.get(0).path("username").asText());
        assertEquals("alice", bans.get(0).path("by").asText());
        assertEquals("vandalism", bans.get(0).path("reason").asText());

        assertEquals(200, alice.post(base + "/api/v1/mod/unban", "{\"username\":\"mallory\"}").statusCode());
        assertEquals(200, mallory.post(base + "/pixel", PIXEL).statusCode(), "unbanned: placing again");
        assertEquals(0, json(alice.get(base + "/api/v1/mod/bans")).path("bans").size());
    }

    /** Issue 25: "banned nobody_here", and "unbanned" twice, read as done while nothing happened. */
    @Test
    void bansOfNobodyOrOfTheBannedAndUnbansOfTheUnbannedAreRefusedSayingWhy() throws Exception {
        assertRefused(alice.post(base + "/api/v1/mod/ban", "{\"username\":\"nobody_here\"}"), 404, "UNKNOWN_PLAYER");
        assertRefused(alice.post(base + "/api/v1/mod/unban", "{\"username\":\"mallory\"}"), 409, "NOT_BANNED");
        assertEquals(200, alice.post(base + "/api/v1/mod/ban", "{\"username\":\"mallory\"}").statusCode());
        assertRefused(alice.post(base + "/api/v1/mod/ban", "{\"username\":\"mallory\"}"), 409, "ALREADY_BANNED");
        assertEquals(200, alice.post(base + "/api/v1/mod/unban", "{\"username\":\"mallory\"}").statusCode());
        assertRefused(alice.post(base + "/api/v1/mod/unban", "{\"username\":\"mallory\"}"), 409, "NOT_BANNED");
        HttpResponse<String> guest = alice.post(base + "/api/v1/mod/ban", "{\"username\":\"guest-00ff00ff00ff00ff\"}");
        assertEquals(200, guest.statusCode(), "a guest is banned by its id: " + guest.body());
        assertEquals(1, json(alice.get(base + "/api/v1/mod/bans")).path("bans").size(), "only the guest's ban");
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String code) throws Exception {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(code, json(answer).path("error").path("code").asText(), answer.body());
    }

    @Test
    void onlyModeratorsModerateAndBadRequestsChangeNothing() throws Exception {
        HttpResponse<String> byPlayer = mallory.post(base + "/api/v1/mod/ban", "{\"username\":\"alice\"}");
        assertEquals(403, byPlayer.statusCode());
        assertEquals("FORBIDDEN", json(byPlayer).path("error").path("code").asText());
        assertEquals(403, new TestHttp().post(base + "/api/v1/mod/ban", "{\"username\":\"alice\"}").statusCode(),
            "nor a guest");
        assertEquals(403, mallory.get(base + "/api/v1/mod/bans").statusCode());
        for (String body : new String[] {"{", "{}", "{\"username\":\"\"}", "{\"username\":7}",
            "{\"username\":\"" + "x".repeat(65) + "\"}"}) {
            HttpResponse<String> bad = alice.post(base + "/api/v1/mod/ban", body);
            assertEquals(400, bad.statusCode(), body + ": " + bad.body());
        }
        assertEquals(405, alice.get(base + "/api/v1/mod/ban").statusCode());
        assertEquals(404, alice.post(base + "/api/v1/mod/purge", "{}").statusCode());
        HttpResponse<String> noHistory = alice.post(base + "/api/v1/mod/rollback", "{\"username\":\"mallory\","
            + "\"from\":\"2026-11-30T10:00:00Z\",\"to\":\"2026-11-30T11:00:00Z\"}");
        assertEquals(400, noHistory.statusCode());
        assertTrue(noHistory.body().contains("no history"), noHistory.body());
        assertTrue(node.view().accounts().banned().isEmpty(), "nobody was banned");
        assertEquals(200, mallory.post(base + "/pixel", PIXEL).statusCode());
    }
}
