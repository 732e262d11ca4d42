package org.distriplace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MutualChallengeTest {

    private final ClusterSecret secret = new ClusterSecret("s3cret");
    private final String challenge = ClusterSecret.nonce();
    private final String answer = ClusterSecret.nonce();

    @Test
    void bothSidesProveTheSecretToEachOther() {
        String proof = MutualChallenge.PEERS.answer(secret, challenge, answer, 1, 2);
        assertTrue(MutualChallenge.PEERS.isAnswer(secret, proof, challenge, answer, 1, 2));
        String back = MutualChallenge.PEERS.accept(secret, challenge, answer, 1, 2);
        assertTrue(MutualChallenge.PEERS.isAccept(secret, back, challenge, answer, 1, 2));
    }

    @Test
    void noProofServesAnotherPurposeAnotherPartyAnotherSecretOrAnotherChallenge() {
        String proof = MutualChallenge.PEERS.answer(secret, challenge, answer, 1, 2);
        assertFalse(MutualChallenge.PEERS.isAccept(secret, proof, challenge, answer, 1, 2), "an answer is no accept");
        assertFalse(MutualChallenge.PEERS.isAnswer(secret, proof, challenge, answer, 1, 3), "another dialer");
        assertFalse(MutualChallenge.PEERS.isAnswer(new ClusterSecret("other"), proof, challenge, answer, 1, 2));
        assertFalse(MutualChallenge.PEERS.isAnswer(secret, proof, ClusterSecret.nonce(), answer, 1, 2), "replayed");
        String peers = MutualChallenge.PEERS.answer(secret, challenge, answer, 1);
        assertFalse(MutualChallenge.INSPECTORS.isAnswer(secret, peers, challenge, answer, 1), "a peer's is no inspector's");
        assertFalse(MutualChallenge.PEERS.isAnswer(secret, null, challenge, answer, 1, 2));
        assertNotEquals(proof, MutualChallenge.PEERS.answer(secret, ClusterSecret.nonce(), answer, 1, 2));
    }

    @Test
    void theProofsAreTheOnesTheWireHasAlwaysCarried() {
        assertEquals(secret.prove("HELLO", 1, 2, challenge, answer),
            MutualChallenge.PEERS.answer(secret, challenge, answer, 1, 2));
        assertEquals(secret.prove("ACCEPTED", 1, 2, answer, challenge),
            MutualChallenge.PEERS.accept(secret, challenge, answer, 1, 2));
        assertEquals(secret.prove("INSPECT", 3, challenge, answer),
            MutualChallenge.INSPECTORS.answer(secret, challenge, answer, 3));
        assertEquals(secret.prove("INSPECT-ACCEPTED", 3, answer, challenge),
            MutualChallenge.INSPECTORS.accept(secret, challenge, answer, 3));
    }
}
