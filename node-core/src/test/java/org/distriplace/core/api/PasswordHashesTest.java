package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {

    @Test
    void aPasswordMatchesItsHashAndNothingElseDoes() {
        String stored = PasswordHashes.hash("correct horse battery");
        assertTrue(stored.startsWith("pbkdf2-sha512$210000$"), stored);
        assertFalse(stored.contains("correct horse"), "never the password itself");
        assertTrue(PasswordHashes.matches("correct horse battery", stored));
        assertFalse(PasswordHashes.matches("correct horse batterY", stored));
        assertFalse(PasswordHashes.matches("", stored));
        assertNotEquals(stored, PasswordHashes.hash("correct horse battery"), "a fresh salt each time");
    }

    @Test
    void theStoredFormNamesItsCostSoOlderHashesStillVerify() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String cheap = PasswordHashes.hash("hunter2hunter2", salt, 1_000);
        assertEquals("pbkdf2-sha512$1000$MDEyMzQ1Njc4OWFiY2RlZg==$", cheap.substring(0, cheap.lastIndexOf('$') + 1));
        assertTrue(PasswordHashes.matches("hunter2hunter2", cheap));
    }

    @Test
    void storedFormsThatDoNotParseOrCostTooMuchAreNoMatch() {
        for (String broken : new String[] {"", "plain", "pbkdf2-sha512$0$AA==$AA==", "sha1$1000$AA==$AA==",
            "pbkdf2-sha512$1000$!!$AA==", "pbkdf2-sha512$999999999$AA==$AA=="}) {
            assertFalse(PasswordHashes.matches("whatever-it-is", broken), broken);
        }
        assertFalse(PasswordHashes.matches(null, PasswordHashes.hash("long enough")));
    }

    @Test
    void passwordsTooShortOrTooLongAreRefusedBeforeHashing() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHashes.hash("short"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHashes.hash("x".repeat(257)));
        assertFalse(PasswordHashes.matches("x".repeat(257), PasswordHashes.hash("x".repeat(256))));
    }
}
