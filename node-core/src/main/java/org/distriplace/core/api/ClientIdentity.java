package org.distriplace.core.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a client is, for the cooldown: the guest id in its session cookie, issued on first contact, or else its
 * address (clients that refuse cookies share a cooldown per address).
 */
final class ClientIdentity {

    static final String COOKIE = "dp_session";
    private static final Pattern VALID = Pattern.compile("guest-[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The user id, and the Set-Cookie header value offering a session (empty when the client has one). */
    record Identity(String userId, Optional<String> setCookie) {
    }

    private ClientIdentity() {
    }

    static Identity of(HttpHeaders headers, SocketAddress remote) {
        String header = headers.get(HttpHeaderNames.COOKIE);
        if (header != null) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
                if (COOKIE.equals(cookie.name()) && VALID.matcher(cookie.value()).matches()) {
                    return new Identity(cookie.value(), Optional.empty());
                }
            }
        }
        // Until the client shows the cookie back, it is its address: a client that drops cookies cannot dodge
        // the cooldown by getting a fresh guest id on every request.
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        DefaultCookie cookie = new DefaultCookie(COOKIE, "guest-" + HexFormat.of().formatHex(bytes));
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        cookie.setMaxAge(60L * 60 * 24 * 365);
        return new Identity(addressOf(remote), Optional.of(ServerCookieEncoder.STRICT.encode(cookie)));
    }

    private static String addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? "addr-" + inet.getAddress().getHostAddress()
            : "addr-" + remote;
    }
}
