package org.distriplace.core.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Arrays;

/**
 * The canvas's answers made for caches, as Reddit's 2017 canvas was served through its CDN: tagged with the state
 * they show ({@code ETag}), fresh for a second and served stale while revalidating ({@code Cache-Control}), and
 * {@code 304 Not Modified} to a reader that holds that state already. A cache (nginx, a CDN) in front of the servers
 * then answers most canvas reads itself.
 */
final class CanvasReads {

    /** Fresh for a second; a cache may serve it up to two seconds more while it fetches the next. */
    static final String CACHE_CONTROL = "public, max-age=1, stale-while-revalidate=2";

    private CanvasReads() {
    }

    /** The encoding's answer to {@code request}: 304 when the reader's {@code If-None-Match} names it, else 200. */
    static FullHttpResponse answer(CanvasEncodings.Encoded encoded, FullHttpRequest request, CharSequence type) {
        String known = request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
        FullHttpResponse response;
        if (known != null && matches(known, encoded.etag())) {
            encoded.body().release();
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED,
                Unpooled.EMPTY_BUFFER);
        } else {
            response = Responses.bytes(HttpResponseStatus.OK, encoded.body(), type);
        }
        response.headers().set(HttpHeaderNames.ETAG, encoded.etag())
            .set(HttpHeaderNames.CACHE_CONTROL, CACHE_CONTROL);
        return response;
    }

    /** Whether an {@code If-None-Match} value ({@code *} or a list of tags, weak or strong) names {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
            .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
            .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
