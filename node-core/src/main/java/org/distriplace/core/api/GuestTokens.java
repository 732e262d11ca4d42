package org.distriplace.core.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distriplace.core.net.ClusterSecret;

/**
 * Guest session tokens, {@code g1.ID.ISSUED.PROOF}: a guest id (16 hex digits), the second it was issued, and 128
 * bits of HMAC under the cluster secret over both (base64url, cookie-safe). Whoever holds the secret (every member,
 * and a load generator it is given to) can issue them; nobody else can make one up or alter one. A token expires a
 * year after it was issued, as its cookie does. Pure.
 */
public final class GuestTokens {

    private static final String PURPOSE = "distri-place guest session v1";
    /** A guest session lasts as long as its cookie (a year), and a day for good measure. */
    static final long MAX_AGE_SECONDS = 366L * 24 * 3600;
    /** Members' clocks may differ: a token issued by one a little ahead is still good on another. */
    static final long CLOCK_SKEW_SECONDS = 3600;
    private static final Pattern TOKEN = Pattern.compile("g1\\.([0-9a-f]{16})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{22})");

    private GuestTokens() {
    }

    /** The token for guest {@code id} (16 hex digits) issued at {@code issuedSeconds}. */
    public static String sign(ClusterSecret secret, String id, long issuedSeconds) {
        if (!id.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("a guest id is 16 hex digits, not '" + id + "'");
        }
        return "g1." + id + "." + issuedSeconds + "." + proof(secret, id, Long.toString(issuedSeconds));
    }

    /**
     * The user id ({@code guest-ID}) a token names, if {@code secret} signed it and it has not expired at
     * {@code nowSeconds} (issued more than {@link #MAX_AGE_SECONDS} before, or more than the clock skew after).
     */
    public static Optional<String> verify(ClusterSecret secret, String token, long nowSeconds) {
        Matcher parts = TOKEN.matcher(token);
        if (!parts.matches()) {
            return Optional.empty();
        }
        byte[] expected = proof(secret, parts.group(1), parts.group(2)).getBytes(StandardCharsets.US_ASCII);
        byte[] shown = parts.group(3).getBytes(StandardCharsets.US_ASCII);
        long issued = Long.parseLong(parts.group(2));
        boolean current = issued <= nowSeconds + CLOCK_SKEW_SECONDS && nowSeconds - issued <= MAX_AGE_SECONDS;
        return MessageDigest.isEqual(expected, shown) && current ? Optional.of("guest-" + parts.group(1))
            : Optional.empty();
    }

    private static String proof(ClusterSecret secret, String id, String issued) {
        return secret.prove(PURPOSE, id, issued).replace('+', '-').replace('/', '_').substring(0, 22);
    }
}
