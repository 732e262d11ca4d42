package org.distriplace.core.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.distriplace.core.net.ClusterSecret;

/**
 * Who a client is, for the cooldown: the account or guest in its session cookie, or else its address (clients that
 * refuse cookies share a cooldown per address). Sessions are tokens the cluster signs ({@link AccountTokens},
 * {@link GuestTokens}), so every node verifies any node's sessions without a lookup, and a made-up or
 * altered session is known as such. New sessions are offered within a budget per address, so a client that throws
 * its cookies away cannot mint guests (and cooldowns) without end. Thread-safe.
 */
final class ClientIdentity {

    static final String COOKIE = "dp_session";
    private static final long HOUR_MS = 3_600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param userId    the guest's id, or the address's when the client has no valid session
     * @param setCookie the Set-Cookie header value for the answer: a new session, when the client needs one and
     *                  its address has not spent its hour's budget, or the bad session's removal
     * @param forged    the client showed a session this cluster did not issue (made up, altered, or expired)
     * @param guest     no account: a guest, or an address
     */
    record Identity(String userId, Optional<String> setCookie, boolean forged, boolean guest) {

        /** Whether {@link #setCookie} is a new session (not nothing, nor the removal of a bad one). */
        boolean offersSession() {
            return setCookie.filter(cookie -> !cookie.startsWith(COOKIE + "=;")).isPresent();
        }
    }

    private final ClusterSecret secret;
    private final LongSupplier clock;
    private final int sessionsPerHour;
    /** Per address: when its hour began, and the sessions offered in it. */
    private final AddressTable<long[]> offered = new AddressTable<>();

    ClientIdentity(ClusterSecret secret, LongSupplier clock, int sessionsPerHour) {
        this.secret = secret;
        this.clock = clock;
        this.sessionsPerHour = sessionsPerHour;
    }

    /**
     * Who the client is. A client with no valid session is offered a new one within its address's budget where a
     * player starts to play ({@code offering}: the page itself), and where its session was refused as forged: then,
     * past the budget, the bad cookie is removed so that the client plays on as its address instead of being refused
     * again. Probes and reads (health, metrics, static files, the canvas) pass {@code false}: they never spend the
     * budget.
     */
    Identity of(HttpHeaders headers, SocketAddress remote, boolean offering) {
        String header = headers.get(HttpHeaderNames.COOKIE);
        boolean forged = false;
        if (header != null) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
                if (COOKIE.equals(cookie.name())) {
                    long nowSeconds = clock.getAsLong() / 1000;
                    Optional<String> account = AccountTokens.verify(secret, cookie.value(), nowSeconds);
                    if (account.isPresent()) {
                        return new Identity(account.get(), Optional.empty(), false, false);
                    }
                    Optional<String> guest = GuestTokens.verify(secret, cookie.value(), nowSeconds);
                    if (guest.isPresent()) {
                        return new Identity(guest.get(), Optional.empty(), false, true);
                    }
                    forged = true;
                }
            }
        }
        // Until the client shows a session back, it is its address: a client that drops cookies cannot dodge
        // the cooldown by getting a fresh guest on every request.
        Optional<String> answer = offering || forged ? offer(remote) : Optional.empty();
        if (forged && answer.isEmpty()) {
            answer = Optional.of(endedSession());
        }
        return new Identity("addr-" + AddressTable.host(remote), answer, forged, true);
    }

    /**
     * The Set-Cookie value that ends an account's session (logging out): a new guest session within the address's
     * budget, so the player plays on as a guest at once, or else the session's removal (the client is its address).
     */
    String afterLogout(SocketAddress remote) {
        return offer(remote).orElseGet(ClientIdentity::endedSession);
    }

    /** The Set-Cookie value of a session for account {@code name}, signed now. */
    String accountSession(String name) {
        return session(AccountTokens.sign(secret, name, clock.getAsLong() / 1000));
    }

    /** The Set-Cookie value that removes the client's session cookie: it is its address until it loads the page. */
    static String endedSession() {
        DefaultCookie cookie = new DefaultCookie(COOKIE, "");
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        cookie.setMaxAge(0);
        return ServerCookieEncoder.STRICT.encode(cookie);
    }

    private static String session(String token) {
        DefaultCookie cookie = new DefaultCookie(COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        cookie.setSameSite(CookieHeaderNames.SameSite.Lax);
        cookie.setMaxAge(60L * 60 * 24 * 365);
        return ServerCookieEncoder.STRICT.encode(cookie);
    }

    /** A new signed session for the address, unless it had its hour's budget. */
    private Optional<String> offer(SocketAddress remote) {
        long now = clock.getAsLong();
        boolean withinBudget = offered.apply(remote, () -> new long[] {now, 0}, window -> {
            if (now - window[0] >= HOUR_MS) {
                window[0] = now;
                window[1] = 0;
            }
            if (window[1] >= sessionsPerHour) {
                return false;
            }
            window[1]++;
            return true;
        });
        if (!withinBudget) {
            return Optional.empty();
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return Optional.of(session(GuestTokens.sign(secret, HexFormat.of().formatHex(id), now / 1000)));
    }
}
