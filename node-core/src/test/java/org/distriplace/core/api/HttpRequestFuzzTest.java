package org.distriplace.core.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.History;
import org.distriplace.core.history.Instants;
import org.distriplace.core.history.TimelapsePlan;
import org.distriplace.core.model.Color;
import org.distriplace.core.testing.ExpectedRefusal;
import org.distriplace.core.testing.QuietLogs;

/**
 * HTTP bytes as strangers send them, through the node's codec and 64 KiB aggregator, then every request read as the
 * API reads it: its query string (history's numbers, times, regions and the timelapse plan they make) and its body
 * (a placement, credentials, a moderator's request). Bad input may only be refused (an {@link IllegalArgumentException} saying why, which the API
 * answers 400, or a timelapse over budget); nothing else may escape, and no body past the limit gets through.
 */
class HttpRequestFuzzTest {

    private static final int MAX_BODY = 64 * 1024;
    private static final HistoryReads.Range RANGE = new HistoryReads.Range(1_000, 2_000_000, 500);

    static {
        QuietLogs.silence();
    }

    /** One input; also the entry point for Jazzer's standalone driver (the long runs). */
    public static void fuzzerTestOneInput(byte[] data) {
        // A client gone in the middle of a request (here: the input ends) is closed by the API (HttpApi).
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new JsonHttpAggregator(MAX_BODY),
            new ExpectedRefusal(PrematureChannelClosureException.class));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(data));
            channel.checkException();
            for (Object message; (message = channel.readInbound()) != null; ) {
                try {
                    read((FullHttpRequest) message);
                } finally {
                    ReferenceCountUtil.release(message);
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void read(FullHttpRequest request) {
        if (request.content().readableBytes() > MAX_BODY) {
            throw new AssertionError("a body of " + request.content().readableBytes() + " bytes got through");
        }
        if (!request.decoderResult().isSuccess()) {
            return;
        }
        QueryParameters query = new QueryParameters(new QueryStringDecoder(request.uri()));
        for (String name : new String[] {"x", "y", "limit", "frames", "fps", "scale"}) {
            refusedOr(() -> query.integer(name, 0, 4096, 1));
        }
        for (String name : new String[] {"time", "before", "from", "to"}) {
            refusedOr(() -> Instants.parse(query.text(name)));
        }
        refusedOr(() -> TimelapsePlan.Region.parse(query.text("region")));
        refusedOr(() -> TimelapsePlan.of(RANGE, query.has("from") ? query.text("from") : null,
            query.has("to") ? query.text("to") : null, query.integer("frames", 1, Integer.MAX_VALUE, 100),
            query.integer("fps", 1, TimelapsePlan.MAX_FPS, 10), query.has("region") ? query.text("region") : null,
            query.integer("scale", 1, TimelapsePlan.MAX_SCALE, 1), 2000, 2000));
        try {
            JsonNode body = Responses.JSON.readTree(new ByteBufInputStream(request.content()));
            PixelRequest.parse(body).ifPresent(pixel -> Color.parse(pixel.color()));
            AuthApi.Credentials.parse(request).ifPresent(AuthApi.Credentials::unfit);
            if (body != null && body.isObject()) {
                for (String field : new String[] {"username", "reason", "from", "to", "time"}) {
                    refusedOr(() -> ModerationApi.text(body, field, 64));
                }
                refusedOr(() -> ModerationApi.region(ModerationApi.text(body, "region", 64)));
            }
        } catch (IOException notJson) {
            // answered 400 BAD_REQUEST
        }
    }

    /** Runs a read that may refuse its input, as the API does (400, or 422 for a timelapse over budget). */
    private static void refusedOr(Runnable read) {
        try {
            read.run();
        } catch (IllegalArgumentException | TimelapsePlan.BudgetExceeded refused) {
            // answered 400, or 422 for a timelapse over budget, saying why
        }
    }

    @FuzzTest(maxDuration = "10s")
    void requests(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
