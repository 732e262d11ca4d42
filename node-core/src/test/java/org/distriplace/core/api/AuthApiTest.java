package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 2's accounts over real loopback sockets: register, log in and out, and who the session is. */
class AuthApiTest {

    private Node node;
    private ApiServer server;
    private String base;
    private final TestHttp player = TestHttp.withCookies();

    @BeforeEach
    void start() throws Exception {
        node = LoneNode.started(20, 10, 60_000);
        server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults().withLoginsPerMinute(5)
            .withModerators(Set.of("alice")));
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        node.close();
    }

    private static String credentials(String name, String password) {
        return "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    private JsonNode me(TestHttp http) throws Exception {
        HttpResponse<String> answer = http.get(base + "/api/v1/auth/me");
        assertEquals(200, answer.statusCode(), answer.body());
        return Responses.JSON.readTree(answer.body());
    }

    private static String code(HttpResponse<String> answer) throws Exception {
        return Responses.JSON.readTree(answer.body()).path("error").path("code").asText();
    }

    @Test
    void registeringLogsThePlayerInAndTheirPlacementsAreTheirs() throws Exception {
        JsonNode guest = me(player);
        assertTrue(guest.path("isGuest").asBoolean(), guest.toString());
        HttpResponse<String> registered = player.post(base + "/api/v1/auth/register",
            credentials("alice", "correct horse"));
        assertEquals(201, registered.statusCode(), registered.body());
        assertEquals("{\"success\":true,\"username\":\"alice\"}", registered.body());
        assertTrue(registered.headers().firstValue("set-cookie").orElse("").toLowerCase().contains("httponly"));
        JsonNode alice = me(player);
        assertEquals("alice", alice.path("userId").asText());
        assertEquals("alice", alice.path("username").asText());
        assertFalse(alice.path("isGuest").asBoolean());
        assertTrue(alice.path("moderator").asBoolean(), "alice is named a moderator");
        HttpResponse<String> placed = player.post(base + "/pixel", "{\"x\":1,\"y\":1,\"color\":\"#FF4500\"}");
        assertEquals(200, placed.statusCode(), placed.body());
        assertEquals("alice", Responses.JSON.readTree(placed.body()).path("user").asText());
    }

    @Test
    void logoutEndsTheSessionAndLoginChecksThePassword() throws Exception {
        assertEquals(201, player.post(base + "/api/v1/auth/register", credentials("bob_2", "hunter22")).statusCode());
        HttpResponse<String> out = player.post(base + "/api/v1/auth/logout", "{}");
        assertEquals(200, out.statusCode());
        assertEquals("{\"success\":true}", out.body());
        assertTrue(me(player).path("isGuest").asBoolean(), "logged out");

        HttpResponse<String> wrong = player.post(base + "/api/v1/auth/login", credentials("bob_2", "hunter23"));
        assertEquals(401, wrong.statusCode());
        assertEquals("BAD_LOGIN", code(wrong));
        assertEquals(401, player.post(base + "/api/v1/auth/login", credentials("nobody", "hunter22")).statusCode());
        assertTrue(me(player).path("isGuest").asBoolean(), "a failed login logs nobody in");

        HttpResponse<String> right = player.post(base + "/api/v1/auth/login", credentials("bob_2", "hunter22"));
        assertEquals(200, right.statusCode(), right.body());
        assertEquals("{\"success\":true,\"username\":\"bob_2\"}", right.body());
        assertEquals("bob_2", me(player).path("userId").asText());
        assertFalse(me(player).path("moderator").asBoolean());
    }

    @Test
    void aTakenNameIsRefusedAndTheAccountIsUnchanged() throws Exception {
        assertEquals(201, player.post(base + "/api/v1/auth/register", credentials("carol", "first password"))
            .statusCode());
        TestHttp other = TestHttp.withCookies();
        HttpResponse<String> taken = other.post(base + "/api/v1/auth/register", credentials("carol", "second pass"));
        assertEquals(409, taken.statusCode(), taken.body());
        assertEquals("NAME_TAKEN", code(taken));
        assertTrue(me(other).path("isGuest").asBoolean());
        assertEquals(401, other.post(base + "/api/v1/auth/login", credentials("carol", "second pass")).statusCode());
        assertEquals(200, other.post(base + "/api/v1/auth/login", credentials("carol", "first password"))
            .statusCode());
    }

    @Test
    void badRequestsAreRefusedWithAnErrorObject() throws Exception {
        String register = base + "/api/v1/auth/register";
        for (String body : new String[] {"{not json", "[]", "{\"username\":\"dave\"}", "{\"username\":1,"
            + "\"password\":\"12345678\"}"}) {
            HttpResponse<String> refused = player.post(register, body);
            assertEquals(400, refused.statusCode(), body);
            assertEquals("BAD_REQUEST", code(refused), body);
        }
        HttpResponse<String> upper = player.post(register, credentials("Dave", "12345678"));
        assertEquals(400, upper.statusCode());
        assertTrue(upper.body().contains("a-z 0-9 _"), upper.body());
        HttpResponse<String> shortPassword = player.post(register, credentials("dave", "1234567"));
        assertEquals(400, shortPassword.statusCode());
        assertTrue(shortPassword.body().contains("at least 8"), shortPassword.body());
        assertEquals(405, player.get(base + "/api/v1/auth/login").statusCode());
        assertEquals(405, player.post(base + "/api/v1/auth/me", "{}").statusCode());
        assertEquals(404, player.get(base + "/api/v1/auth/nothing").statusCode());
        assertTrue(node.view().accounts().registered().isEmpty(), "nothing was registered");
    }

    @Test
    void loginAttemptsAreLimitedPerAddress() throws Exception {
        int allowed = 0;
        HttpResponse<String> answer;
        do {
            answer = player.post(base + "/api/v1/auth/login", credentials("erin", "not a password"));
            allowed += answer.statusCode() == 401 ? 1 : 0;
        } while (answer.statusCode() == 401 && allowed < 100);
        assertEquals(10, allowed, "a burst of twice five a minute");
        assertEquals(429, answer.statusCode());
        assertEquals("RATE_LIMITED", code(answer));
        assertEquals(429, player.post(base + "/api/v1/auth/register", credentials("erin", "a password"))
            .statusCode(), "registrations count too");
    }

    @Test
    void aForgedAccountSessionIsAnAddressAndCannotPlace() throws Exception {
        String forged = AccountTokens.sign(new ClusterSecret("not this cluster's"), "alice", 1_700_000_000);
        TestHttp stranger = new TestHttp();
        HttpResponse<String> placed = stranger.send(HttpRequest.newBuilder(URI.create(base + "/pixel"))
            .header("Cookie", ClientIdentity.COOKIE + "=" + forged)
            .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1,\"y\":1,\"color\":\"#FF4500\"}")));
        assertEquals(401, placed.statusCode(), placed.body());
        assertEquals("BAD_SESSION", code(placed));
        HttpResponse<String> who = stranger.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/me"))
            .header("Cookie", ClientIdentity.COOKIE + "=" + forged));
        assertTrue(Responses.JSON.readTree(who.body()).path("isGuest").asBoolean(), who.body());
    }
}
