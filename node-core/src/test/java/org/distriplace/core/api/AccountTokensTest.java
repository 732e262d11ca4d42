package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.distriplace.core.net.ClusterSecret;
import org.junit.jupiter.api.Test;

/** Account sessions the cluster signs: any member verifies them; they cannot be made up, altered or swapped. */
class AccountTokensTest {

    private static final ClusterSecret CLUSTER = new ClusterSecret("party-secret");
    private static final long ISSUED = 1_796_068_800L;

    @Test
    void anAccountsTokenNamesItOnAnyMemberAndNowhereElse() {
        String token = AccountTokens.sign(CLUSTER, "ada_99", ISSUED);
        assertTrue(token.startsWith("a1.ada_99." + ISSUED + "."), token);
        assertEquals(Optional.of("ada_99"), AccountTokens.verify(new ClusterSecret("party-secret"), token,
            ISSUED + 60));
        assertEquals(Optional.empty(), AccountTokens.verify(new ClusterSecret("other-party"), token, ISSUED));
        assertEquals(Optional.empty(), AccountTokens.verify(CLUSTER, token.replace("ada_99", "ada_98"), ISSUED),
            "another account under this proof");
        assertEquals(Optional.empty(), AccountTokens.verify(CLUSTER, token,
            ISSUED + SignedTokens.MAX_AGE_SECONDS + 1), "expired with its cookie");
    }

    @Test
    void aGuestsTokenNeverPassesForAnAccountsNorTheOtherWayRound() {
        String guest = GuestTokens.sign(CLUSTER, "00ff00ff00ff00ff", ISSUED);
        String asAccount = "a1" + guest.substring(2);
        assertEquals(Optional.empty(), AccountTokens.verify(CLUSTER, asAccount, ISSUED), "a guest's proof");
        String account = AccountTokens.sign(CLUSTER, "00ff00ff00ff00ff", ISSUED);
        assertEquals(Optional.empty(), GuestTokens.verify(CLUSTER, "g1" + account.substring(2), ISSUED),
            "an account's proof");
    }

    @Test
    void namesAreLowerCaseLettersDigitsAndUnderscoresSoNoGuestOrAddressIdIsOne() {
        for (String bad : new String[] {"ab", "x".repeat(25), "Ada", "guest-00ff00ff00ff00ff", "addr-127.0.0.1",
            "a.b", "a b", ""}) {
            assertThrows(IllegalArgumentException.class, () -> AccountTokens.sign(CLUSTER, bad, ISSUED), bad);
        }
        assertTrue(AccountTokens.NAME.matcher("zoe").matches());
    }
}
