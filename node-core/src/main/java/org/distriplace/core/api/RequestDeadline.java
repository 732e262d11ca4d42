package org.distriplace.core.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A request must arrive whole, headers and body, within a deadline of its first byte; one trickled in slower
 * (slowloris: a byte every few seconds, each resetting any idle timer) is answered {@code 408 REQUEST_TIMEOUT} and
 * closed. Two handlers share one deadline per connection: this one, before the HTTP codec, starts it at a request's
 * first byte; {@link #met()}, after the aggregator, ends it when the whole request is there. A connection that
 * becomes a WebSocket speaks frames from then on, and the deadline steps out of its pipeline.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    static final String START = "request-deadline";
    static final String MET = "request-deadline-met";

    private static final String TIMEOUT_BODY = "{\"error\":{\"code\":\"REQUEST_TIMEOUT\",\"message\":\"the request "
        + "did not arrive whole in time\"}}";
    private static final byte[] TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\n"
        + "Connection: close\r\nContent-Length: " + TIMEOUT_BODY.length() + "\r\n\r\n" + TIMEOUT_BODY)
        .getBytes(StandardCharsets.US_ASCII);

    private final long seconds;
    private ScheduledFuture<?> deadline;

    RequestDeadline(long seconds) {
        this.seconds = seconds;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (deadline == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            deadline = ctx.executor().schedule(() -> expire(ctx), seconds, TimeUnit.SECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    /** The handler that ends the deadline: place it after the aggregator, where requests arrive whole. */
    ChannelInboundHandlerAdapter met() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                cancel();
                if (msg instanceof FullHttpRequest request && request.headers().containsValue(HttpHeaderNames.UPGRADE,
                    HttpHeaderValues.WEBSOCKET, true)) {
                    ctx.pipeline().remove(RequestDeadline.this);
                    ctx.pipeline().remove(this);
                }
                ctx.fireChannelRead(msg);
            }
        };
    }
}
