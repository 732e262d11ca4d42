package org.distriplace.core.api;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords as accounts store them: only a slow, salted hash, never the password. PBKDF2 with HMAC-SHA-512 from the
 * JDK (no extra library), 210,000 iterations (OWASP's figure for this function), a random 16-byte salt per account.
 * The stored form says its function and cost, {@code pbkdf2-sha512$ITERATIONS$SALT$HASH} (base64), so the cost can
 * rise later without making older hashes unreadable. Pure but for the salt's randomness.
 */
public final class PasswordHashes {

    static final String FUNCTION = "pbkdf2-sha512";
    static final int ITERATIONS = 210_000;
    /** A password longer than this is refused before hashing: PBKDF2's cost grows with it (a cheap DoS otherwise). */
    public static final int MAX_PASSWORD_LENGTH = 256;
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** Beyond this a stored cost is not honoured: one check must not take minutes. */
    static final int MAX_ITERATIONS = 5_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 512;
    private static final Pattern STORED = Pattern.compile(
        "pbkdf2-sha512\\$([1-9][0-9]{0,8})\\$([A-Za-z0-9+/=]{1,64})\\$([A-Za-z0-9+/=]{1,128})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    /** The stored form of {@code password} with a fresh salt; the password must be of an allowed length. */
    public static String hash(String password) {
        checkLength(password);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    static String hash(String password, byte[] salt, int iterations) {
        Base64.Encoder base64 = Base64.getEncoder();
        return FUNCTION + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
            + base64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from. A stored form that does not parse, or a
     * password of a length never allowed, is simply not a match. Compares in constant time.
     */
    public static boolean matches(String password, String stored) {
        if (password == null || stored == null || password.length() > MAX_PASSWORD_LENGTH) {
            return false;
        }
        Matcher parts = STORED.matcher(stored);
        if (!parts.matches()) {
            return false;
        }
        int iterations = Integer.parseInt(parts.group(1));
        if (iterations > MAX_ITERATIONS) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts.group(2));
            byte[] expected = Base64.getDecoder().decode(parts.group(3));
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Refuses a password too short to protect anything or too long to hash cheaply, saying which. */
    public static void checkLength(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 has PBKDF2WithHmacSHA512", e);
        }
    }
}
