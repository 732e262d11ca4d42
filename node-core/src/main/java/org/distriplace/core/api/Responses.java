package org.distriplace.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;

/** Builds the API's HTTP responses: JSON bodies, and errors as {@code {"error":{"code","message",...}}}. */
final class Responses {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = HttpHeaderValues.APPLICATION_JSON + "; charset=utf-8";

    private Responses() {
    }

    static FullHttpResponse json(HttpResponseStatus status, Object body) {
        try {
            return bytes(status, JSON.writeValueAsBytes(body), JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("API bodies are plain JSON trees", e);
        }
    }

    static FullHttpResponse bytes(HttpResponseStatus status, byte[] body, CharSequence contentType) {
        return bytes(status, Unpooled.wrappedBuffer(body), contentType);
    }

    /** A response whose body is {@code body} as it is (a shared encoding's duplicate, say). */
    static FullHttpResponse bytes(HttpResponseStatus status, ByteBuf body, CharSequence contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        return json(status, errorBody(code, message));
    }

    static ObjectNode errorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }

    /**
     * A refused placement or account change: 400 for bad input, 429 for cooldown (with remainingSeconds), 409 for a
     * taken name, 403 for a banned player, 503 when unavailable.
     */
    static FullHttpResponse placeError(PlaceException error) {
        ObjectNode body = errorBody(error.code().name(), error.getMessage());
        if (error.code() == PlaceError.COOLDOWN) {
            ((ObjectNode) body.get("error")).put("remainingSeconds", error.remainingSeconds());
        }
        return json(statusOf(error.code()), body);
    }

    static HttpResponseStatus statusOf(PlaceError code) {
        return switch (code) {
            case OUT_OF_BOUNDS, BAD_COLOR -> HttpResponseStatus.BAD_REQUEST;
            case COOLDOWN -> HttpResponseStatus.TOO_MANY_REQUESTS;
            case NO_QUORUM, NOT_READY -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            case NAME_TAKEN -> HttpResponseStatus.CONFLICT;
            case BANNED -> HttpResponseStatus.FORBIDDEN;
        };
    }
}
