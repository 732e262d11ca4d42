package org.distriplace.core.api;

import java.util.Optional;
import java.util.regex.Pattern;
import org.distriplace.core.net.ClusterSecret;

/**
 * Account session tokens, {@code a1.NAME.ISSUED.PROOF}, signed by the cluster like a guest's ({@link SignedTokens})
 * under a purpose of their own, so any member knows the player without a lookup and a guest's token can never pass
 * for an account's. An account's name is its user id: 3 to 24 of {@code a-z 0-9 _}, which no guest
 * ({@code guest-…}) or address ({@code addr-…}) id can be, since theirs hold a hyphen. Pure.
 */
public final class AccountTokens {

    /** What an account may be called (lower case: names are unique whatever their case). */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_]{3,24}");
    private static final SignedTokens ACCOUNTS = new SignedTokens("a1", "distri-place account session v1",
        NAME.pattern());

    private AccountTokens() {
    }

    /** The token for account {@code name} issued at {@code issuedSeconds}. */
    public static String sign(ClusterSecret secret, String name, long issuedSeconds) {
        return ACCOUNTS.sign(secret, name, issuedSeconds);
    }

    /** The account a token names, if {@code secret} signed it and it has not expired at {@code nowSeconds}. */
    public static Optional<String> verify(ClusterSecret secret, String token, long nowSeconds) {
        return ACCOUNTS.verify(secret, token, nowSeconds);
    }
}
