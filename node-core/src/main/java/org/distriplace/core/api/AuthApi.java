package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.distriplace.core.api.ClientIdentity.Identity;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.read.Accounts;
import org.distriplace.core.engine.Engine;

/**
 * Seed 2's accounts: {@code POST /api/v1/auth/register} creates an account through the cluster's agreement (so a
 * name is unique cluster-wide) and logs in; {@code POST /api/v1/auth/login} checks a password against the accounts
 * this node has committed; both answer {@code {"success":true,"username":…}} with a signed session cookie. {@code
 * POST /api/v1/auth/logout} ends the session; {@code GET /api/v1/auth/me} says who the session is. Passwords are
 * hashed and checked on threads of their own ({@code hashing}: PBKDF2 takes a noticeable fraction of a second by
 * design), never on an event loop; registrations and logins are limited per address. Thread-safe.
 */
final class AuthApi {

    static final String PREFIX = "/api/v1/auth/";
    private static final String SHAPE = "the body is {\"username\":\"3 to 24 of a-z 0-9 _\",\"password\":\"8 to 256 "
        + "characters\"}";

    private final Engine node;
    private final ClientIdentity identities;
    private final AddressRate attempts;
    private final Executor hashing;
    private final Set<String> moderators;

    /**
     * @param attempts   registrations and logins per address
     * @param hashing    where passwords are hashed and checked (bounded: a full queue is answered 503)
     * @param moderators the accounts that may moderate
     */
    AuthApi(Engine node, ClientIdentity identities, AddressRate attempts, Executor hashing, Set<String> moderators) {
        this.node = node;
        this.identities = identities;
        this.attempts = attempts;
        this.hashing = hashing;
        this.moderators = Set.copyOf(moderators);
    }

    static boolean serves(String path) {
        return path.startsWith(PREFIX);
    }

    /** The accounts named as moderators. */
    Set<String> moderators() {
        return moderators;
    }

    /** True when {@code userId} is an account named as a moderator. */
    boolean isModerator(String userId) {
        return moderators.contains(userId);
    }

    /** Answers a request for one of {@link #serves}'s paths; completes on {@code loop}. */
    CompletableFuture<FullHttpResponse> handle(HttpMethod method, String path, FullHttpRequest request, Identity who,
                                               SocketAddress remote, Executor loop) {
        String action = path.substring(PREFIX.length());
        HttpMethod wanted = action.equals("me") ? HttpMethod.GET : HttpMethod.POST;
        if (!Set.of("me", "login", "logout", "register").contains(action)) {
            return done(Responses.error(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "nothing at " + path));
        }
        if (!method.equals(wanted)) {
            return done(Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                method + " is not allowed on " + path + "; use " + wanted));
        }
        switch (action) {
            case "me":
                return done(Responses.json(HttpResponseStatus.OK, me(who)));
            case "logout":
                return done(withCookie(Responses.JSON.createObjectNode().put("success", true), HttpResponseStatus.OK,
                    identities.afterLogout(remote)));
            default:
                if (!attempts.tryTake(remote)) {
                    FullHttpResponse limited = Responses.error(HttpResponseStatus.TOO_MANY_REQUESTS,
                        ClientPolicy.RATE_LIMITED, "this address tried to log in or register more than "
                            + attempts.perPeriod() + " times a minute: wait a moment");
                    limited.headers().set("Retry-After", "10");
                    return done(limited);
                }
                Optional<Credentials> credentials = Credentials.parse(request);
                if (credentials.isEmpty()) {
                    return done(Responses.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", SHAPE));
                }
                return action.equals("login") ? login(credentials.get(), loop) : register(credentials.get(), loop);
        }
    }

    private ObjectNode me(Identity who) {
        Accounts accounts = node.view().accounts();
        return Responses.JSON.createObjectNode().put("userId", who.userId()).put("username", who.userId())
            .put("isGuest", who.guest()).put("banned", accounts.isBanned(who.userId()))
            .put("moderator", !who.guest() && isModerator(who.userId()));
    }

    private CompletableFuture<FullHttpResponse> register(Credentials credentials, Executor loop) {
        Optional<String> unfit = credentials.unfit();
        if (unfit.isPresent()) {
            return done(Responses.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", unfit.get()));
        }
        return offThread(() -> PasswordHashes.hash(credentials.password()))
            .thenCompose(hash -> node.changeAccount(AccountChange.register(credentials.username(), hash)))
            .handleAsync((entry, failure) -> failure == null
                ? loggedIn(credentials.username(), HttpResponseStatus.CREATED)
                : refused(failure), loop);
    }

    private CompletableFuture<FullHttpResponse> login(Credentials credentials, Executor loop) {
        Optional<Accounts.Account> account = node.view().accounts().account(credentials.username());
        if (account.isEmpty()) {
            return done(badLogin());
        }
        return offThread(() -> PasswordHashes.matches(credentials.password(), account.get().passwordHash()))
            .handleAsync((matches, failure) -> failure != null ? refused(failure)
                : matches ? loggedIn(credentials.username(), HttpResponseStatus.OK) : badLogin(), loop);
    }

    private <T> CompletableFuture<T> offThread(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, hashing);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(full);
        }
    }

    private FullHttpResponse loggedIn(String name, HttpResponseStatus status) {
        return withCookie(success(name), status, identities.accountSession(name));
    }

    private static ObjectNode success(String name) {
        return Responses.JSON.createObjectNode().put("success", true).put("username", name);
    }

    private static FullHttpResponse withCookie(ObjectNode body, HttpResponseStatus status, String cookie) {
        FullHttpResponse response = Responses.json(status, body);
        response.headers().set(HttpHeaderNames.SET_COOKIE, cookie);
        return response;
    }

    private static FullHttpResponse badLogin() {
        return Responses.error(HttpResponseStatus.UNAUTHORIZED, "BAD_LOGIN", "wrong name or password");
    }

    private static FullHttpResponse refused(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof PlaceException refused) {
            return Responses.placeError(refused);
        }
        if (cause instanceof RejectedExecutionException) {
            return Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "BUSY", "too many logins at once on this "
                + "node: try again in a moment");
        }
        throw new CompletionException(cause);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** A name and a password, as a login or registration sends them. */
    record Credentials(String username, String password) {

        static Optional<Credentials> parse(FullHttpRequest request) {
            JsonNode body;
            try {
                body = Responses.JSON.readTree(new ByteBufInputStream(request.content().duplicate()));
            } catch (IOException e) {
                return Optional.empty();
            }
            if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new Credentials(body.get("username").asText(), body.get("password").asText()));
        }

        /** Why these cannot make an account, if they cannot. */
        Optional<String> unfit() {
            if (!AccountTokens.NAME.matcher(username).matches()) {
                return Optional.of("a name is 3 to 24 of a-z 0-9 _ (lower case), not '" + printable(username) + "'");
            }
            try {
                PasswordHashes.checkLength(password);
                return Optional.empty();
            } catch (IllegalArgumentException tooShortOrLong) {
                return Optional.of(tooShortOrLong.getMessage());
            }
        }

        private static String printable(String text) {
            String cut = text.length() > 30 ? text.substring(0, 30) + "…" : text;
            return cut.replaceAll("\\p{Cntrl}", "?");
        }

        @Override
        public String toString() {
            return "credentials of " + username; // never the password
        }
    }
}
