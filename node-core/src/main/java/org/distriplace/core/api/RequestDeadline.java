package org.distriplace.core.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A request must arrive whole, headers and body, within a deadline: of its first byte, or of the answer to the
 * request before it on the same connection. One trickled in slower (slowloris: a byte every few seconds, each
 * resetting any idle timer) is answered {@code 408 REQUEST_TIMEOUT} and closed; a connection that sent nothing
 * since its last answer is closed quietly, as any server closes an idle keep-alive connection.
 *
 * <p>Two handlers share one deadline per connection: this one, before the HTTP codec, starts it at a request's
 * first byte and notes every byte; {@link #met()}, after the aggregator, ends it when the whole request is there
 * and starts the next when the answer has been written (so a slow answer, a timelapse say, is never cut). A
 * connection that becomes a WebSocket speaks frames from then on, and the deadline steps out of its pipeline
 * ({@link #stepAside}, called where the upgrade is routed).
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
    private ChannelHandlerContext context;
    private ScheduledFuture<?> deadline;
    /** Bytes came since the deadline started: a request is on its way, not an idle connection. */
    private boolean partial;

    RequestDeadline(long seconds) {
        this.seconds = seconds;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            if (deadline == null || !partial) {
                // A request's first byte: it has the whole deadline from here, however long the wait before it.
                start();
            }
            partial = true;
        }
        ctx.fireChannelRead(msg);
    }

    private void start() {
        cancel();
        partial = false;
        deadline = context.executor().schedule(this::expire, seconds, TimeUnit.SECONDS);
    }

    private void expire() {
        deadline = null;
        if (partial) {
            context.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            context.close();
        }
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

    /** Takes both handlers out of {@code pipeline}: its connection has become a WebSocket, which speaks frames. */
    static void stepAside(ChannelPipeline pipeline) {
        RequestDeadline deadline = pipeline.get(RequestDeadline.class);
        if (deadline != null) {
            deadline.cancel();
            pipeline.remove(START);
            pipeline.remove(MET);
        }
    }

    /**
     * The handler that ends the deadline when a request is whole, and starts the next once its answer is written:
     * place it after the aggregator, where requests arrive whole and answers leave whole.
     */
    ChannelDuplexHandler met() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                cancel();
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof LastHttpContent) {
                    ChannelPromise written = promise.unvoid();
                    written.addListener(done -> {
                        if (done.isSuccess() && ctx.channel().isActive() && ctx.pipeline().get(START) != null) {
                            start();
                        }
                    });
                    ctx.write(msg, written);
                } else {
                    ctx.write(msg, promise);
                }
            }
        };
    }
}
