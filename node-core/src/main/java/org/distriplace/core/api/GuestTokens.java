package org.distriplace.core.api;

import java.util.Optional;
import org.distriplace.core.net.ClusterSecret;

/**
 * Guest session tokens, {@code g1.ID.ISSUED.PROOF}: a guest id (16 hex digits), signed by the cluster
 * ({@link SignedTokens}). Whoever holds the secret (every member, and a load generator it is given to) can issue
 * them; nobody else can make one up or alter one. Pure.
 */
public final class GuestTokens {

    static final long MAX_AGE_SECONDS = SignedTokens.MAX_AGE_SECONDS;
    static final long CLOCK_SKEW_SECONDS = SignedTokens.CLOCK_SKEW_SECONDS;
    private static final SignedTokens GUESTS = new SignedTokens("g1", "distri-place guest session v1",
        "[0-9a-f]{16}");

    private GuestTokens() {
    }

    /** The token for guest {@code id} (16 hex digits) issued at {@code issuedSeconds}. */
    public static String sign(ClusterSecret secret, String id, long issuedSeconds) {
        return GUESTS.sign(secret, id, issuedSeconds);
    }

    /**
     * The user id ({@code guest-ID}) a token names, if {@code secret} signed it and it has not expired at
     * {@code nowSeconds} (issued more than {@link #MAX_AGE_SECONDS} before, or more than the clock skew after).
     */
    public static Optional<String> verify(ClusterSecret secret, String token, long nowSeconds) {
        return GUESTS.verify(secret, token, nowSeconds).map(id -> "guest-" + id);
    }
}
