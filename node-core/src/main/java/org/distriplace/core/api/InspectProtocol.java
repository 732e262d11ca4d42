package org.distriplace.core.api;

import org.distriplace.core.net.MutualChallenge;

/**
 * The remote inspection stream on {@code /inspect}, one WebSocket of JSON text frames. The node proves nothing to
 * strangers and streams nothing until the client proves it holds the cluster secret:
 * <ol>
 *   <li>node: {@code {"type":"challenge","node_id":3,"nonce":A}}</li>
 *   <li>client: {@code {"type":"hello","nonce":B,"proof":hmac("INSPECT",3,A,B)}}</li>
 *   <li>node: {@code {"type":"accepted","node_id":3,"proof":hmac("INSPECT-ACCEPTED",3,B,A)}}, so the client knows
 *       it is talking to a member of its cluster too; or {@code {"type":"denied","reason":…}} and close (the
 *       proofs are {@link MutualChallenge#INSPECTORS}'s)</li>
 *   <li>node, from then on: {@code {"type":"events","dropped":n,"events":[…]}} (each event in
 *       {@link org.distriplace.core.wire.EventCodec}'s form; {@code dropped} counts events this client lost because
 *       it fell behind) and, four times a second, {@code {"type":"report","report":{…}}}</li>
 * </ol>
 * Nonces make every proof single-use; the secret never crosses the wire.
 */
public final class InspectProtocol {

    /** The WebSocket path. */
    public static final String PATH = "/inspect";

    public static final String CHALLENGE = "challenge";
    public static final String HELLO = "hello";
    public static final String ACCEPTED = "accepted";
    public static final String DENIED = "denied";
    public static final String EVENTS = "events";
    public static final String REPORT = "report";

    /** WebSocket close code for a client that failed to prove the secret (policy violation). */
    public static final int CLOSE_DENIED = 1008;

    private InspectProtocol() {
    }
}
