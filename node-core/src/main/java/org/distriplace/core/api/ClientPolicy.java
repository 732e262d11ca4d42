package org.distriplace.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * What the node asks of a client before it places: who it is ({@link ClientIdentity}, with its signed guest
 * session) and whether its address still has placements left this second ({@link AddressRate}). Shared by the
 * HTTP API and every WebSocket session of the server.
 */
record ClientPolicy(ClientIdentity identities, AddressRate placements) {

    static final String RATE_LIMITED = "RATE_LIMITED";

    /** The message of a placement refused for its address's rate. */
    String rateLimitedMessage() {
        return "this address placed more than " + placements.perPeriod() + " pixels a second, across all its "
            + "players: wait a moment";
    }

    /** {@code 429 RATE_LIMITED}, with Retry-After. */
    FullHttpResponse rateLimited() {
        FullHttpResponse response = Responses.error(HttpResponseStatus.TOO_MANY_REQUESTS, RATE_LIMITED,
            rateLimitedMessage());
        response.headers().set("Retry-After", "1");
        return response;
    }
}
