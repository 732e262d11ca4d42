package org.distriplace.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.distriplace.app.testing.NodeProcess;
import org.distriplace.app.testing.ProcessClusterTest;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.Test;

/** Accounts across three node processes: made on one node, logged into on another, the cooldown following. */
class AccountsProcessTest extends ProcessClusterTest {

    private static final String PIXEL = "{\"x\":%d,\"y\":2,\"color\":\"#FF4500\"}";

    private static String credentials(String name, String password) {
        return "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return NodeProcess.JSON.readTree(response.body());
    }

    private void startCluster() throws Exception {
        nodes.addAll(TestCluster.of(dir, 300, "accounts-test"));
        for (NodeProcess node : nodes) {
            // The test polls logins from one address; the limit itself is tested apart.
            node.set("--logins-per-minute", "10000").start();
        }
        Await.until("node 3 to lead a ready cluster", Duration.ofSeconds(60),
            () -> TestCluster.leads(nodes.get(2), nodes.subList(0, 2)));
    }

    @Test
    void anAccountMadeOnOneNodeLogsInOnAnotherAndItsCooldownFollowsIt() throws Exception {
        startCluster();
        TestHttp laptop = TestHttp.withCookies();
        HttpResponse<String> registered = laptop.post(nodes.get(0).url("/api/v1/auth/register"),
            credentials("alice", "correct horse"));
        assertEquals(201, registered.statusCode(), registered.body());
        HttpResponse<String> placed = laptop.post(nodes.get(0).url("/pixel"), String.format(PIXEL, 1));
        assertEquals(200, placed.statusCode(), placed.body());
        assertEquals("alice", json(placed).path("user").asText());

        // Another device logs into another node: the account is there once its registration has reached it.
        TestHttp phone = TestHttp.withCookies();
        Await.until("alice to log in through node 2", Duration.ofSeconds(20),
            () -> login(phone, nodes.get(1), "alice", "correct horse") == 200);
        assertEquals("alice", json(phone.get(nodes.get(1).url("/api/v1/auth/me"))).path("userId").asText());
        HttpResponse<String> again = phone.post(nodes.get(2).url("/pixel"), String.format(PIXEL, 2));
        assertEquals(429, again.statusCode(), "the cooldown follows the account to a third node: " + again.body());
        assertEquals("COOLDOWN", json(again).path("error").path("code").asText());

        HttpResponse<String> out = phone.post(nodes.get(2).url("/api/v1/auth/logout"), "{}");
        assertEquals(200, out.statusCode());
        assertTrue(json(phone.get(nodes.get(2).url("/api/v1/auth/me"))).path("isGuest").asBoolean());
        assertEquals("alice", json(laptop.get(nodes.get(0).url("/api/v1/auth/me"))).path("userId").asText(),
            "logging out one device leaves the other logged in");
    }

    @Test
    void ofOneNameRegisteredOnTwoNodesAtOnceOneIsRefused() throws Exception {
        startCluster();
        List<CompletableFuture<HttpResponse<String>>> attempts = List.of(1, 2).stream()
            .map(i -> CompletableFuture.supplyAsync(() -> {
                try {
                    return TestHttp.withCookies().post(nodes.get(i - 1).url("/api/v1/auth/register"),
                        credentials("zed", "password " + i));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).toList();
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)
            .sorted().toList();
        assertEquals(List.of(201, 409), statuses, "one registration of zed, one NAME_TAKEN");
        for (NodeProcess node : nodes) {
            Await.until("node " + node.id + " to know zed", Duration.ofSeconds(20), () -> List.of(1, 2).stream()
                .filter(i -> login(new TestHttp(), node, "zed", "password " + i) == 200).count() == 1);
        }
    }

    private static int login(TestHttp device, NodeProcess node, String name, String password) {
        try {
            return device.post(node.url("/api/v1/auth/login"), credentials(name, password)).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
