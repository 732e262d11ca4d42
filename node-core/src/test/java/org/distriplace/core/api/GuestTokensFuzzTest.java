package org.distriplace.core.api;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.distriplace.core.net.ClusterSecret;

/**
 * Session tokens as strangers send them: nothing but a token this cluster signed ever names a guest or an account,
 * and no token names both.
 */
class GuestTokensFuzzTest {

    private static final ClusterSecret SECRET = new ClusterSecret("fuzzing-secret");
    private static final long NOW = 1_796_068_800L;

    /** One input; also the entry point for Jazzer's standalone driver (the long runs). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        long now = data.consumeBoolean() ? NOW : data.consumeLong();
        String token = data.consumeRemainingAsString();
        Optional<String> guest = GuestTokens.verify(SECRET, token, now);
        if (guest.isPresent()) {
            String[] parts = token.split("\\.");
            String genuine = GuestTokens.sign(SECRET, parts[1], Long.parseLong(parts[2]));
            if (!genuine.equals(token) || !guest.get().equals("guest-" + parts[1])) {
                throw new AssertionError("a token the cluster did not sign was accepted: " + token);
            }
        }
        Optional<String> account = AccountTokens.verify(SECRET, token, now);
        if (account.isPresent()) {
            String[] parts = token.split("\\.");
            if (!AccountTokens.sign(SECRET, parts[1], Long.parseLong(parts[2])).equals(token)
                || guest.isPresent()) {
                throw new AssertionError("an account token the cluster did not sign was accepted: " + token);
            }
        }
    }

    // The token's shape, so the fuzzer reaches the proof check rather than the pattern's first character.
    @DictionaryEntries({"g1.", "a1.", "00ff00ff00ff00ff", ".1796068800.", "AAAAAAAAAAAAAAAAAAAAAA"})
    @FuzzTest(maxDuration = "10s")
    void tokens(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }
}
