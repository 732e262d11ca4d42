package org.distriplace.core.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distriplace.core.net.ClusterSecret;

/**
 * One kind of session token the cluster signs, {@code PREFIX.SUBJECT.ISSUED.PROOF}: a subject of a fixed shape, the
 * second it was issued, and 128 bits of HMAC under the cluster secret over both, labelled with the kind's purpose
 * (base64url, cookie-safe). Whoever holds the secret can issue them; nobody else can make one up or alter one, nor
 * pass one kind off as another. A token expires a year after it was issued, as its cookie does. Pure.
 */
final class SignedTokens {

    /** A session lasts as long as its cookie (a year), and a day for good measure. */
    static final long MAX_AGE_SECONDS = 366L * 24 * 3600;
    /** Members' clocks may differ: a token issued by one a little ahead is still good on another. */
    static final long CLOCK_SKEW_SECONDS = 3600;

    private final String prefix;
    private final String purpose;
    private final Pattern subject;
    private final Pattern token;

    /**
     * @param prefix  the token's first part, naming its kind and version ({@code g1})
     * @param purpose the label its proofs are made under, distinct per kind
     * @param subject the subject's shape (a regular expression without dots)
     */
    SignedTokens(String prefix, String purpose, String subject) {
        this.prefix = prefix;
        this.purpose = purpose;
        this.subject = Pattern.compile(subject);
        this.token = Pattern.compile(Pattern.quote(prefix) + "\\.(" + subject
            + ")\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{22})");
    }

    /** The token for {@code subject} issued at {@code issuedSeconds}; the subject must have the kind's shape. */
    String sign(ClusterSecret secret, String subject, long issuedSeconds) {
        if (!this.subject.matcher(subject).matches()) {
            throw new IllegalArgumentException("'" + subject + "' is not a " + prefix + " token's subject");
        }
        return prefix + "." + subject + "." + issuedSeconds + "."
            + proof(secret, subject, Long.toString(issuedSeconds));
    }

    /** The subject {@code token} names, if {@code secret} signed it as this kind and it is current at {@code now}. */
    Optional<String> verify(ClusterSecret secret, String token, long nowSeconds) {
        Matcher parts = this.token.matcher(token);
        if (!parts.matches()) {
            return Optional.empty();
        }
        byte[] expected = proof(secret, parts.group(1), parts.group(2)).getBytes(StandardCharsets.US_ASCII);
        byte[] shown = parts.group(3).getBytes(StandardCharsets.US_ASCII);
        long issued = Long.parseLong(parts.group(2));
        boolean current = issued <= nowSeconds + CLOCK_SKEW_SECONDS && nowSeconds - issued <= MAX_AGE_SECONDS;
        return MessageDigest.isEqual(expected, shown) && current ? Optional.of(parts.group(1)) : Optional.empty();
    }

    private String proof(ClusterSecret secret, String subject, String issued) {
        return secret.prove(purpose, subject, issued).replace('+', '-').replace('/', '_').substring(0, 22);
    }
}
