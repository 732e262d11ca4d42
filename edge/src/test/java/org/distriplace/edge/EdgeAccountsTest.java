package org.distriplace.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts and bans live in PostgreSQL and hold on every edge: an account made on one edge logs in on the other,
 * its cooldown holds across both, a name is taken everywhere, and a moderator's ban on one edge stops the player
 * on the other.
 */
class EdgeAccountsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SharedStack stack;
    private static TwoEdges edges;

    @RegisterExtension
    static final BeforeAllCallback STACK = (ExtensionContext context) -> stack = SharedStack.of(context);

    @BeforeAll
    static void start() throws Exception {
        edges = new TwoEdges(stack, SharedStack.namespace("accounts"), 20, 20, 60_000,
            ServerOptions.defaults().withModerators(Set.of("ann")));
    }

    @AfterAll
    static void stop() {
        if (edges != null) {
            edges.close();
        }
    }

    private static String url(EdgeServer edge, String path) {
        return TwoEdges.base(edge) + path;
    }

    private static String credentials(String name) {
        return "{\"username\":\"" + name + "\",\"password\":\"correct horse " + name + "\"}";
    }

    private static String code(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).path("error").path("code").asText();
    }

    @Test
    void anAccountMadeOnOneEdgePlaysOnTheOtherUnderOneCooldownAndABanHoldsEverywhere() throws Exception {
        TestHttp alice = TestHttp.withCookies();
        assertEquals(201, alice.post(url(edges.first, "/api/v1/auth/register"), credentials("alice")).statusCode());
        HttpResponse<String> taken = TestHttp.withCookies().post(url(edges.second, "/api/v1/auth/register"),
            credentials("alice"));
        assertEquals(409, taken.statusCode(), taken.body());
        assertEquals("NAME_TAKEN", code(taken));

        TestHttp onSecond = TestHttp.withCookies();
        Await.until("alice's account known to the other edge", Duration.ofSeconds(10), () -> {
            try {
                return onSecond.post(url(edges.second, "/api/v1/auth/login"), credentials("alice"))
                    .statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(200, onSecond.post(url(edges.second, "/pixel"), "{\"x\":1,\"y\":1,\"color\":\"#FF4500\"}")
            .statusCode());
        HttpResponse<String> again = alice.post(url(edges.first, "/pixel"), "{\"x\":2,\"y\":1,\"color\":\"#FF4500\"}");
        assertEquals(429, again.statusCode(), "one account, one cooldown, whichever edge: " + again.body());

        TestHttp mallory = TestHttp.withCookies();
        assertEquals(201, mallory.post(url(edges.second, "/api/v1/auth/register"), credentials("mallory"))
            .statusCode());
        TestHttp ann = TestHttp.withCookies();
        assertEquals(201, ann.post(url(edges.first, "/api/v1/auth/register"), credentials("ann")).statusCode());
        Await.until("mallory's account known to the first edge", Duration.ofSeconds(10), () -> {
            try {
                return ann.post(url(edges.first, "/api/v1/mod/ban"), "{\"username\":\"mallory\",\"reason\":\"spam\"}")
                    .statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        Await.until("the ban to hold on the other edge", Duration.ofSeconds(10), () -> {
            try {
                HttpResponse<String> refused = mallory.post(url(edges.second, "/pixel"),
                    "{\"x\":3,\"y\":1,\"color\":\"#FF4500\"}");
                return refused.statusCode() == 403 && "BANNED".equals(code(refused));
            } catch (Exception e) {
                return false;
            }
        });
    }
}
