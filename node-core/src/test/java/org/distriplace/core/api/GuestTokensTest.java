package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.distriplace.core.net.ClusterSecret;
import org.junit.jupiter.api.Test;

/** Guest sessions the cluster signs: any member verifies them, nobody else can make one up or alter one. */
class GuestTokensTest {

    private static final ClusterSecret CLUSTER = new ClusterSecret("party-secret");
    private static final InetSocketAddress LAPTOP = new InetSocketAddress("192.168.1.20", 50_000);

    private static final long ISSUED = 1_796_068_800L;
    private static final long NOW = ISSUED + 600;

    @Test
    void aSignedGuestVerifiesAndAnyChangeOrOtherSecretDoesNot() {
        String token = GuestTokens.sign(CLUSTER, "00ff00ff00ff00ff", ISSUED);
        assertEquals(Optional.of("guest-00ff00ff00ff00ff"), GuestTokens.verify(new ClusterSecret("party-secret"),
            token, NOW), "another member, same secret");
        assertEquals(Optional.empty(), GuestTokens.verify(new ClusterSecret("other-party"), token, NOW));
        assertEquals(Optional.empty(), GuestTokens.verify(CLUSTER, token.replace("00ff00ff00ff00ff",
            "00ff00ff00ff00fe"), NOW), "another guest's id under this proof");
        assertEquals(Optional.empty(), GuestTokens.verify(CLUSTER, token.replace(".1796068800.", ".1796068801."),
            NOW));
        for (String junk : new String[] {"", "guest-00ff00ff00ff00ff", "g1.00ff00ff00ff00ff.1.short",
            token + "x", token.substring(0, token.length() - 1) + "!"}) {
            assertEquals(Optional.empty(), GuestTokens.verify(CLUSTER, junk, NOW), junk);
        }
        assertThrows(IllegalArgumentException.class, () -> GuestTokens.sign(CLUSTER, "not-hex", 0));
    }

    @Test
    void aGuestExpiresWithItsCookieAYearOnAndIsNotTakenFromTheFuture() {
        String token = GuestTokens.sign(CLUSTER, "00ff00ff00ff00ff", ISSUED);
        assertTrue(GuestTokens.verify(CLUSTER, token, ISSUED + GuestTokens.MAX_AGE_SECONDS).isPresent());
        assertEquals(Optional.empty(), GuestTokens.verify(CLUSTER, token, ISSUED + GuestTokens.MAX_AGE_SECONDS + 1),
            "expired");
        assertTrue(GuestTokens.verify(CLUSTER, token, ISSUED - GuestTokens.CLOCK_SKEW_SECONDS).isPresent(),
            "issued by a member whose clock is a little ahead");
        assertEquals(Optional.empty(), GuestTokens.verify(CLUSTER, token, ISSUED - GuestTokens.CLOCK_SKEW_SECONDS
            - 1));

        AtomicLong later = new AtomicLong((ISSUED + GuestTokens.MAX_AGE_SECONDS + 1) * 1000);
        ClientIdentity.Identity expired = new ClientIdentity(CLUSTER, later::get, 3)
            .of(new DefaultHttpHeaders().set("Cookie", "dp_session=" + token), LAPTOP, false);
        assertTrue(expired.forged(), "an expired session is refused as BAD_SESSION");
        assertTrue(expired.setCookie().isPresent(), "and a fresh one offered");
    }

    @Test
    void newSessionsAreOfferedWithinAnHourlyBudgetPerAddress() {
        AtomicLong now = new AtomicLong(1_000_000);
        ClientIdentity identities = new ClientIdentity(CLUSTER, now::get, 3);
        HttpHeaders none = new DefaultHttpHeaders();
        for (int i = 0; i < 3; i++) {
            ClientIdentity.Identity first = identities.of(none, LAPTOP, true);
            assertEquals("addr-192.168.1.20", first.userId());
            assertTrue(first.setCookie().isPresent(), "offer " + i);
        }
        assertTrue(identities.of(none, LAPTOP, true).setCookie().isEmpty(), "the hour's budget is spent");
        assertTrue(identities.of(none, new InetSocketAddress("192.168.1.21", 1), true).setCookie().isPresent(),
            "another address has its own");
        now.addAndGet(3_600_000);
        String cookie = identities.of(none, LAPTOP, true).setCookie().orElseThrow();

        HttpHeaders back = new DefaultHttpHeaders().set("Cookie", cookie.split(";")[0]);
        ClientIdentity.Identity guest = new ClientIdentity(new ClusterSecret("party-secret"), now::get, 3)
            .of(back, LAPTOP, true);
        assertTrue(guest.userId().startsWith("guest-"), "verified by another member: " + guest);
        assertTrue(guest.setCookie().isEmpty() && !guest.forged());
        ClientIdentity.Identity placement = identities.of(none, LAPTOP, false);
        assertTrue(placement.setCookie().isEmpty(), "a placement is not offered a session");
    }
}
