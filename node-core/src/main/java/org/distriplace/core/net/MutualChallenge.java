package org.distriplace.core.net;

/**
 * The mutual HMAC challenge of both authenticated handshakes (peers connecting, inspectors subscribing): the side
 * that accepts the connection sends a nonce; the other answers with a nonce of its own and a proof, an HMAC keyed by
 * the cluster secret over this challenge's answer label, the parties' ids and both nonces; the acceptor proves the
 * secret back over its accept label and the nonces in the other order, so its proof can never be a replayed answer.
 * The secret never crosses the wire, and fresh nonces make every proof single-use. Thread-safe.
 *
 * @param answerLabel what the answerer's proofs start with
 * @param acceptLabel what the acceptor's proofs start with
 */
public record MutualChallenge(String answerLabel, String acceptLabel) {

    /** Peers connecting to each other; the parties are the acceptor's id, then the dialer's. */
    public static final MutualChallenge PEERS = new MutualChallenge("HELLO", "ACCEPTED");

    /** Inspectors subscribing to a node's events; the party is the node's id. */
    public static final MutualChallenge INSPECTORS = new MutualChallenge("INSPECT", "INSPECT-ACCEPTED");

    /** Operators changing the membership over HTTP; the parties are the node's id, then the member to remove. */
    public static final MutualChallenge OPERATORS = new MutualChallenge("REMOVE-MEMBER", "REMOVE-MEMBER-ACCEPTED");

    /** The answerer's proof: it holds the secret, and answers this very challenge. */
    public String answer(ClusterSecret secret, String challengeNonce, String answerNonce, int... parties) {
        return secret.prove(parts(answerLabel, parties, challengeNonce, answerNonce));
    }

    public boolean isAnswer(ClusterSecret secret, String proof, String challengeNonce, String answerNonce,
                            int... parties) {
        return secret.verify(proof, parts(answerLabel, parties, challengeNonce, answerNonce));
    }

    /** The acceptor's proof back, over the nonces in the other order. */
    public String accept(ClusterSecret secret, String challengeNonce, String answerNonce, int... parties) {
        return secret.prove(parts(acceptLabel, parties, answerNonce, challengeNonce));
    }

    public boolean isAccept(ClusterSecret secret, String proof, String challengeNonce, String answerNonce,
                            int... parties) {
        return secret.verify(proof, parts(acceptLabel, parties, answerNonce, challengeNonce));
    }

    private static Object[] parts(String label, int[] parties, String firstNonce, String secondNonce) {
        Object[] parts = new Object[parties.length + 3];
        parts[0] = label;
        for (int i = 0; i < parties.length; i++) {
            parts[i + 1] = parties[i];
        }
        parts[parties.length + 1] = firstNonce;
        parts[parties.length + 2] = secondNonce;
        return parts;
    }
}
