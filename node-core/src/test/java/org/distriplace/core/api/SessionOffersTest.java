package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.distriplace.core.runtime.PeerEngine;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a node offers guest sessions (issue 25): with the page a player opens, and with the refusal of a bad
 * session; never with probes and reads, which once spent an address's hourly budget until two browsers behind it
 * became one {@code addr-…} player sharing a cooldown.
 */
class SessionOffersTest {

    private static final int BUDGET = 3;
    private static final List<String> PROBES = List.of("/healthz", "/readyz", "/metrics", "/canvas",
        "/api/v1/canvas", "/api/v1/canvas/info", "/api/v1/cluster", "/api/v1/auth/me", "/js/main.js",
        "/css/app.css", "/favicon.svg", "/no-such-file");

    private Node node;
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        node = LoneNode.started(20, 10, 60_000);
        server = new ApiServer(PeerEngine.of(node), "127.0.0.1", 0, ServerOptions.defaults().withSessionsPerHour(BUDGET)
            .withPlacementsPerSecond(1000));
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        node.close();
    }

    @Test
    void probesAndReadsNeverMakeASessionSoPlayersBehindTheProbesStayThemselves() throws Exception {
        TestHttp probe = new TestHttp();
        for (int round = 0; round < 10; round++) {
            for (String path : PROBES) {
                HttpResponse<String> answer = probe.get(base + path);
                assertTrue(answer.headers().firstValue("set-cookie").isEmpty(), path + " offered a session");
            }
        }
        String alice = placeAsABrowser(0);
        String bob = placeAsABrowser(1);
        assertTrue(alice.startsWith("guest-") && bob.startsWith("guest-"), alice + " and " + bob);
        assertNotEquals(alice, bob, "two browsers at one address are two players");
    }

    @Test
    void aBadSessionIsRefusedWithAFreshOneAndPastTheBudgetTheBadOneIsRemoved() throws Exception {
        HttpResponse<String> refused = placeWithCookie("dp_session=g1.made.up", 0);
        assertEquals(401, refused.statusCode(), refused.body());
        String fresh = refused.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(fresh.startsWith("dp_session=g1."), fresh);
        HttpResponse<String> placed = placeWithCookie(fresh.split(";")[0], 0);
        assertEquals(200, placed.statusCode(), placed.body());
        assertTrue(json(placed).path("user").asText().startsWith("guest-"), placed.body());

        for (int i = 1; i < BUDGET; i++) {
            assertTrue(new TestHttp().get(base + "/").headers().firstValue("set-cookie").isPresent());
        }
        HttpResponse<String> spent = placeWithCookie("dp_session=g1.made.up", 1);
        assertEquals(401, spent.statusCode(), spent.body());
        assertTrue(spent.headers().firstValue("set-cookie").orElseThrow().startsWith("dp_session=;"),
            "the bad cookie is removed: " + spent.headers().map());
        assertTrue(json(spent).path("error").path("message").asText().contains("as your address"), spent.body());
        HttpResponse<String> asAddress = new TestHttp().post(base + "/pixel", pixel(1));
        assertEquals("addr-127.0.0.1", json(asAddress).path("user").asText(), asAddress.body());
    }

    @Test
    void loggingOutLeavesAGuestAtOnce() throws Exception {
        TestHttp browser = TestHttp.withCookies();
        HttpResponse<String> out = browser.post(base + "/api/v1/auth/logout", "{}");
        assertEquals(200, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("set-cookie").orElseThrow().startsWith("dp_session=g1."),
            out.headers().map().toString());
        assertTrue(json(browser.get(base + "/api/v1/auth/me")).path("userId").asText().startsWith("guest-"));
    }

    private String placeAsABrowser(int x) throws Exception {
        TestHttp browser = TestHttp.withCookies();
        HttpResponse<String> page = browser.get(base + "/");
        assertTrue(page.headers().firstValue("set-cookie").orElse("").startsWith("dp_session=g1."),
            "the page starts a session: " + page.headers().map());
        HttpResponse<String> placed = browser.post(base + "/pixel", pixel(x));
        assertEquals(200, placed.statusCode(), placed.body());
        return json(placed).path("user").asText();
    }

    private HttpResponse<String> placeWithCookie(String cookie, int x) throws Exception {
        return new TestHttp().send(HttpRequest.newBuilder(URI.create(base + "/pixel")).header("Cookie", cookie)
            .POST(HttpRequest.BodyPublishers.ofString(pixel(x))));
    }

    private static String pixel(int x) {
        return "{\"x\":" + x + ",\"y\":2,\"color\":\"#FF4500\"}";
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Responses.JSON.readTree(response.body());
    }
}
