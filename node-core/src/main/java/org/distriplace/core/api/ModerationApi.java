package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.distriplace.core.api.ClientIdentity.Identity;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.history.Instants;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.read.Accounts;
import org.distriplace.core.engine.Engine;

/**
 * Moderation, for the accounts named as moderators: {@code POST /api/v1/mod/ban {"username","reason"}} and {@code
 * POST /api/v1/mod/unban {"username"}} commit a ban or an unban through the cluster (a banned player's placements
 * stop on every node at once); {@code POST /api/v1/mod/rollback} undoes a player's placements in a window ({@code
 * {"username","from","to"}}) or puts an area back as it was ({@code {"region":"x,y,w,h","time"}}), through
 * {@link Rollbacks}; {@code GET /api/v1/mod/bans} lists the bans in force. Anyone else is refused 403. Thread-safe.
 */
final class ModerationApi {

    static final String PREFIX = "/api/v1/mod/";
    private static final int MAX_NAME = 64;
    private static final int MAX_REASON = 500;
    private static final Pattern GUEST = Pattern.compile("guest-[0-9a-f]{16}");

    private final Engine node;
    private final AuthApi auth;
    private final Rollbacks rollbacks;

    /** @param rollbacks the node's rollbacks, or null where it keeps no history (then rollbacks are refused) */
    ModerationApi(Engine node, AuthApi auth, Rollbacks rollbacks) {
        this.node = node;
        this.auth = auth;
        this.rollbacks = rollbacks;
    }

    static boolean serves(String path) {
        return path.startsWith(PREFIX);
    }

    /** Answers a request for one of {@link #serves}'s paths; completes on {@code loop}. */
    CompletableFuture<FullHttpResponse> handle(HttpMethod method, String path, FullHttpRequest request, Identity who,
                                               Executor loop) {
        String action = path.substring(PREFIX.length());
        if (!Set.of("ban", "unban", "rollback", "bans").contains(action)) {
            return done(Responses.error(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "nothing at " + path));
        }
        HttpMethod wanted = action.equals("bans") ? HttpMethod.GET : HttpMethod.POST;
        if (!method.equals(wanted)) {
            return done(Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                method + " is not allowed on " + path + "; use " + wanted));
        }
        if (who.guest() || !auth.isModerator(who.userId())) {
            return done(Responses.error(HttpResponseStatus.FORBIDDEN, "FORBIDDEN", "only moderators may do this: "
                + "log in as an account the node names with --moderators"));
        }
        if (action.equals("bans")) {
            return done(Responses.json(HttpResponseStatus.OK, bans()));
        }
        JsonNode body;
        try {
            body = Responses.JSON.readTree(new ByteBufInputStream(request.content().duplicate()));
        } catch (IOException e) {
            return badRequest("the body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            return badRequest("the body is a JSON object");
        }
        try {
            if (!action.equals("rollback")) {
                Optional<FullHttpResponse> pointless = pointlessBanChange(action, text(body, "username", MAX_NAME));
                if (pointless.isPresent()) {
                    return done(pointless.get());
                }
            }
            CompletableFuture<ObjectNode> done = action.equals("rollback") ? rollback(who.userId(), body)
                : changeBan(action, who.userId(), body);
            return done.handleAsync((answer, failure) -> failure == null
                ? Responses.json(HttpResponseStatus.OK, answer) : refused(failure), loop);
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }
    }

    private ObjectNode bans() {
        ObjectNode body = Responses.JSON.createObjectNode();
        ArrayNode list = body.putArray("bans");
        node.view().accounts().banned().values().stream().sorted(Comparator.comparing(ban -> ban.name()))
            .forEach(ban -> list.addObject().put("username", ban.name()).put("by", ban.by())
                .put("reason", ban.reason()).put("at", Instant.ofEpochMilli(Hlc.physical(ban.at())).toString()));
        return body;
    }

    /**
     * A ban of nobody or of the banned, or an unban of someone not banned, answered at once and changing nothing:
     * a typo must not read as done. Players are accounts, or guests and addresses by the ids the pixel info shows.
     */
    private Optional<FullHttpResponse> pointlessBanChange(String action, String name) {
        Accounts accounts = node.view().accounts();
        boolean banned = accounts.isBanned(name);
        if (action.equals("unban")) {
            return banned ? Optional.empty() : Optional.of(Responses.error(HttpResponseStatus.CONFLICT, "NOT_BANNED",
                name + " is not banned: nothing to undo"));
        }
        if (banned) {
            return Optional.of(Responses.error(HttpResponseStatus.CONFLICT, "ALREADY_BANNED", name
                + " is banned already (by " + accounts.banned().get(name).by() + ")"));
        }
        boolean known = accounts.account(name).isPresent() || GUEST.matcher(name).matches()
            || name.startsWith("addr-") && name.length() > 5;
        return known ? Optional.empty() : Optional.of(Responses.error(HttpResponseStatus.NOT_FOUND,
            "UNKNOWN_PLAYER", "no player is named " + name + ": accounts go by their name, guests by their id "
                + "(guest-…, as a pixel's history shows it)"));
    }

    private CompletableFuture<ObjectNode> changeBan(String action, String moderator, JsonNode body) {
        String name = text(body, "username", MAX_NAME);
        String reason = body.has("reason") ? text(body, "reason", MAX_REASON) : "";
        AccountChange.Kind kind = action.equals("ban") ? AccountChange.Kind.BAN : AccountChange.Kind.UNBAN;
        return node.changeAccount(new AccountChange(kind, name, reason, moderator))
            .thenApply(entry -> Responses.JSON.createObjectNode().put(action.equals("ban") ? "banned" : "unbanned",
                name).put("by", moderator));
    }

    private CompletableFuture<ObjectNode> rollback(String moderator, JsonNode body) {
        if (rollbacks == null) {
            throw new IllegalArgumentException("this node keeps no history, so it cannot roll back");
        }
        CompletableFuture<Rollbacks.Outcome> outcome;
        if (body.has("region")) {
            int[] area = region(text(body, "region", 64));
            outcome = rollbacks.ofArea(moderator, area[0], area[1], area[2], area[3],
                Instants.parse(text(body, "time", 64)));
        } else {
            outcome = rollbacks.ofPlayer(moderator, text(body, "username", MAX_NAME),
                Instants.parse(text(body, "from", 64)), Instants.parse(text(body, "to", 64)));
        }
        return outcome.thenApply(done -> Responses.JSON.createObjectNode().put("planned", done.planned())
            .put("restored", done.restored()).put("by", moderator));
    }

    /** An area, {@code x,y,w,h}; anything else is refused saying so. */
    static int[] region(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("region is x,y,w,h, not '" + text + "'");
        }
        int[] area = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                area[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("region is x,y,w,h in whole numbers, not '" + text + "'");
            }
        }
        return area;
    }

    /** A text field of at most {@code max} characters (only a reason may be blank), or refused saying which. */
    static String text(JsonNode body, String field, int max) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank() && !field.equals("reason")) {
            throw new IllegalArgumentException("\"" + field + "\" is required, as text");
        }
        if (value.asText().length() > max) {
            throw new IllegalArgumentException("\"" + field + "\" is at most " + max + " characters");
        }
        return value.asText();
    }

    private static FullHttpResponse refused(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof PlaceException refused) {
            return Responses.placeError(refused);
        }
        if (cause instanceof IllegalArgumentException bad) {
            return Responses.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", bad.getMessage());
        }
        throw new CompletionException(cause);
    }

    private static CompletableFuture<FullHttpResponse> badRequest(String message) {
        return done(Responses.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", message));
    }

    private static CompletableFuture<FullHttpResponse> done(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
