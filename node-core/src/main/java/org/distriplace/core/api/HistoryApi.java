package org.distriplace.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.Instants;
import org.distriplace.core.history.PastCanvas;
import org.distriplace.core.history.PastReads;
import org.distriplace.core.image.PngEncoder;
import org.distriplace.core.model.PixelWrite;
import org.distriplace.core.engine.CanvasSettings;

/**
 * Seed 2's history API: {@code GET /api/v1/history/pixel?x=X&y=Y[&limit=N&before=ISO]} (a pixel's placements, newest
 * first, with who, when, and which epoch, leader and vector clock committed each), {@code GET
 * /api/v1/history/snapshot?time=ISO[&format=png]} (the canvas as it was, in {@code /api/v1/canvas}'s format or as a
 * PNG, with the exact commit point in its headers), {@code GET /api/v1/history/range} and the timelapse
 * ({@link TimelapseApi}). Reads run on the history's own threads (they read the disk), never an event loop's or the
 * node's; a full queue answers 503 BUSY. Thread-safe.
 */
final class HistoryApi {

    static final String PREFIX = "/api/v1/history/";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;

    private final HistoryReads history;
    private final PastReads past;
    private final CanvasSettings config;
    private final Executor readers;
    private final TimelapseApi timelapse;

    HistoryApi(HistoryReads history, PastReads past, CanvasSettings config, Executor readers, TimelapseApi timelapse) {
        this.history = history;
        this.past = past;
        this.config = config;
        this.readers = readers;
        this.timelapse = timelapse;
    }

    static boolean serves(String path) {
        return path.startsWith(PREFIX);
    }

    /** Answers a request under {@link #PREFIX}; completes on {@code executor}. */
    CompletableFuture<FullHttpResponse> handle(HttpMethod method, String uri, Executor executor) {
        QueryStringDecoder query = new QueryStringDecoder(uri);
        String path = query.path();
        if (!method.equals(HttpMethod.GET)) {
            return done(Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                method + " is not allowed on " + path + "; use GET"));
        }
        try {
            return switch (path) {
                case PREFIX + "pixel" -> pixel(new QueryParameters(query), executor);
                case PREFIX + "range" -> read(() -> range(history.range()).put("snapshots", past.snapshotsKept()),
                    executor);
                case PREFIX + "snapshot" -> snapshot(new QueryParameters(query), executor);
                case PREFIX + "timelapse" -> timelapse.handle(new QueryParameters(query), executor);
                default -> done(Responses.error(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "nothing at " + path
                    + "; the history answers at " + PREFIX + "pixel, " + PREFIX + "snapshot, " + PREFIX
                    + "timelapse and " + PREFIX + "range"));
            };
        } catch (IllegalArgumentException bad) {
            return done(Responses.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", bad.getMessage()));
        }
    }

    private CompletableFuture<FullHttpResponse> pixel(QueryParameters query, Executor executor) {
        int x = query.integer("x", 0, config.width() - 1, null);
        int y = query.integer("y", 0, config.height() - 1, null);
        int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        long before = query.has("before") ? Hlc.pack(Instants.parse(query.text("before")).toEpochMilli(), 0)
            : Long.MAX_VALUE;
        return read(() -> placements(history.pixel(x, y, limit, before)), executor);
    }

    private CompletableFuture<FullHttpResponse> snapshot(QueryParameters query, Executor executor) {
        Instant time = Instants.parse(query.text("time"));
        String format = query.has("format") ? query.text("format") : "raw";
        if (!format.equals("raw") && !format.equals("png")) {
            throw new IllegalArgumentException("format is raw (one palette index per pixel) or png, not '" + format
                + "'");
        }
        long stamp = Hlc.pack(time.toEpochMilli(), Hlc.LOGICAL_MASK);
        return submit(() -> {
            PastCanvas canvas = past.at(stamp);
            FullHttpResponse response = format.equals("png")
                ? Responses.bytes(HttpResponseStatus.OK, PngEncoder.encode(canvas.width(), canvas.height(),
                    canvas.indexes(), config.palette()), "image/png")
                : Responses.bytes(HttpResponseStatus.OK, canvas.indexes(), HttpHeaderValues.APPLICATION_OCTET_STREAM);
            response.headers().set("X-History-Time", time.toString())
                .set("X-History-Commit-Point", canvas.placements() == 0 ? "none" : placedAt(canvas.commitPoint()))
                .set("X-History-Commit-Stamp", Long.toString(canvas.commitPoint()))
                .set("X-History-Placements", Long.toString(canvas.placements()));
            return response;
        }, executor);
    }

    private CompletableFuture<FullHttpResponse> read(Supplier<ObjectNode> work, Executor executor) {
        return submit(() -> Responses.json(HttpResponseStatus.OK, work.get()), executor);
    }

    private CompletableFuture<FullHttpResponse> submit(Supplier<FullHttpResponse> work, Executor executor) {
        try {
            return CompletableFuture.supplyAsync(work, readers).exceptionally(HistoryApi::unavailable)
                .thenApplyAsync(response -> response, executor);
        } catch (RejectedExecutionException busy) {
            return done(readersBusy());
        }
    }

    /** The answer when the history's readers have as much waiting as they take. */
    static FullHttpResponse readersBusy() {
        return Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "BUSY", "the history is answering as many "
            + "requests as it takes; try again shortly");
    }

    /** A store that did not answer (an edge's database) is 503, saying so; anything else stays a failure. */
    static FullHttpResponse unavailable(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        if (cause instanceof java.io.UncheckedIOException down) {
            return Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", down.getCause().getMessage()
                + "; try again shortly");
        }
        throw failure instanceof java.util.concurrent.CompletionException completion ? completion
            : new java.util.concurrent.CompletionException(failure);
    }

    private static ObjectNode placements(List<PixelWrite> writes) {
        ObjectNode body = Responses.JSON.createObjectNode();
        ArrayNode placements = body.putArray("placements");
        for (PixelWrite write : writes) {
            ObjectNode placement = placements.addObject().put("color", write.color().hex())
                .put("userId", write.user()).put("placedAt", placedAt(write.timestamp()))
                .put("epoch", write.epoch()).put("leader", write.nodeId()).put("batch", write.batch());
            ObjectNode clock = placement.putObject("vectorClock");
            write.vectorClock().asMap().forEach((node, counter) -> clock.put(Integer.toString(node), counter));
        }
        return body;
    }

    private static ObjectNode range(HistoryReads.Range range) {
        ObjectNode body = Responses.JSON.createObjectNode().put("placements", range.placements());
        if (range.placements() == 0) {
            body.putNull("first").putNull("last");
        } else {
            body.put("first", placedAt(range.first())).put("last", placedAt(range.last()));
        }
        return body;
    }

    /** The wall-clock time of an HLC stamp, ISO-8601 in UTC with milliseconds. */
    static String placedAt(long timestamp) {
        return Instant.ofEpochMilli(Hlc.physical(timestamp)).toString();
    }

    private static CompletableFuture<FullHttpResponse> done(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
