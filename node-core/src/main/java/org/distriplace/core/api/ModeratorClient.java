package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.api.OperatorClient.OperatorException;

/**
 * What a moderator asks of a node from the command line ({@code distri-place mod}): it logs in as their account, as
 * the browser does, then bans, unbans, lists bans and rolls back through {@code /api/v1/mod/...}. The node checks
 * that the account is a moderator; every refusal is an {@link OperatorException} with the node's code.
 */
public final class ModeratorClient {

    /** A ban in force. */
    public record Ban(String username, String by, String reason, String at) {
    }

    /** What a rollback did: the pixels it meant to restore, and those it did. */
    public record Rollback(int planned, int restored) {
    }

    /** A rollback can take a while: its restorations commit a part at a time. */
    private static final long ROLLBACK_TIMEOUT_MS = 300_000;
    private static final long TIMEOUT_MS = 30_000;

    private final NodeCalls calls;

    /** @param hostPort the node's HTTP address, {@code HOST:PORT} */
    public ModeratorClient(String hostPort) throws OperatorException {
        this.calls = new NodeCalls(hostPort);
    }

    /** Logs in as {@code name}; the session is kept for the calls after. */
    public void logIn(String name, String password) throws OperatorException, InterruptedException {
        calls.call(calls.post("/api/v1/auth/login", NodeCalls.JSON.createObjectNode().put("username", name)
            .put("password", password).toString()), TIMEOUT_MS);
    }

    public void ban(String name, String reason) throws OperatorException, InterruptedException {
        calls.call(calls.post("/api/v1/mod/ban", NodeCalls.JSON.createObjectNode().put("username", name)
            .put("reason", reason).toString()), TIMEOUT_MS);
    }

    public void unban(String name) throws OperatorException, InterruptedException {
        calls.call(calls.post("/api/v1/mod/unban", NodeCalls.JSON.createObjectNode().put("username", name)
            .toString()), TIMEOUT_MS);
    }

    public List<Ban> bans() throws OperatorException, InterruptedException {
        List<Ban> bans = new ArrayList<>();
        for (JsonNode ban : calls.call(calls.get("/api/v1/mod/bans"), TIMEOUT_MS).path("bans")) {
            bans.add(new Ban(ban.path("username").asText(), ban.path("by").asText(), ban.path("reason").asText(),
                ban.path("at").asText()));
        }
        return bans;
    }

    /** Undoes {@code name}'s placements between two ISO-8601 times that nobody painted over since. */
    public Rollback rollbackPlayer(String name, String from, String to) throws OperatorException,
        InterruptedException {
        return rollback(NodeCalls.JSON.createObjectNode().put("username", name).put("from", from).put("to", to)
            .toString());
    }

    /** Puts an area ({@code x,y,w,h}) back as it was at an ISO-8601 time. */
    public Rollback rollbackArea(String region, String time) throws OperatorException, InterruptedException {
        return rollback(NodeCalls.JSON.createObjectNode().put("region", region).put("time", time).toString());
    }

    private Rollback rollback(String body) throws OperatorException, InterruptedException {
        JsonNode done = calls.call(calls.post("/api/v1/mod/rollback", body), ROLLBACK_TIMEOUT_MS);
        return new Rollback(done.path("planned").asInt(), done.path("restored").asInt());
    }
}
