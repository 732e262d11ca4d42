package org.distriplace.core.api;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.history.HistoryReads;
import org.distriplace.core.history.Instants;
import org.distriplace.core.history.Timelapse;
import org.distriplace.core.history.TimelapsePlan;
import org.distriplace.core.engine.CanvasSettings;

/**
 * {@code GET /api/v1/history/timelapse?from=ISO&to=ISO&frames=N&fps=F[&region=x,y,w,h][&scale=K][&format=gif]}: an
 * animated GIF of the canvas over a stretch of its history (the whole of it when {@code from} and {@code to} are
 * left out). One timelapse is made at a time, on a thread of its own (another asked for meanwhile gets 503 BUSY),
 * within budgets of frames, pixels, time and size: a request over one gets 422 naming it, never an out-of-memory.
 */
final class TimelapseApi {

    static final int DEFAULT_FRAMES = 100;
    static final int DEFAULT_FPS = 10;
    /** Rendering longer than this stops, answering 422 TIME_BUDGET. */
    static final long TIME_BUDGET_S = 60;
    /** A GIF larger than this stops, answering 422 SIZE_BUDGET. */
    static final int SIZE_BUDGET_BYTES = 64 << 20;
    /** The range a plan ignores: from and to were both given. */
    private static final HistoryReads.Range EVERYTHING_GIVEN = new HistoryReads.Range(0, 0, 0);

    private final HistoryReads history;
    private final Timelapse timelapse;
    private final CanvasSettings config;
    private final Executor readers;
    private final Executor renderer;

    /** @param readers where the history's range is read; {@code renderer}: where timelapses are made, one at a time */
    TimelapseApi(HistoryReads history, Timelapse timelapse, CanvasSettings config, Executor readers,
                 Executor renderer) {
        this.history = history;
        this.timelapse = timelapse;
        this.config = config;
        this.readers = readers;
        this.renderer = renderer;
    }

    CompletableFuture<FullHttpResponse> handle(QueryParameters query, Executor executor) {
        String format = query.has("format") ? query.text("format") : "gif";
        if (!format.equals("gif")) {
            throw new IllegalArgumentException("format is gif (the one every browser and chat plays), not '"
                + format + "'");
        }
        Request request = new Request(query.integer("frames", 1, Integer.MAX_VALUE, DEFAULT_FRAMES),
            query.integer("fps", 1, TimelapsePlan.MAX_FPS, DEFAULT_FPS),
            query.integer("scale", 1, TimelapsePlan.MAX_SCALE, 1), text(query, "from"), text(query, "to"),
            text(query, "region"));
        // Malformed times and regions are 400 whatever the store's state: checked before anything is read.
        if (request.from() != null) {
            Instants.parse(request.from());
        }
        if (request.to() != null) {
            Instants.parse(request.to());
        }
        if (request.region() != null) {
            TimelapsePlan.Region.parse(request.region());
        }
        CompletableFuture<FullHttpResponse> answer;
        if (request.from() != null && request.to() != null) {
            // Nothing to read: planned here, so a request over budget is 422 even while another renders.
            answer = planAndRender(request, EVERYTHING_GIVEN);
        } else {
            // The range is a read of the history's store (PostgreSQL on an edge): on its readers, never an event
            // loop.
            try {
                answer = CompletableFuture.supplyAsync(history::range, readers)
                    .thenCompose(range -> planAndRender(request, range));
            } catch (RejectedExecutionException busy) {
                return CompletableFuture.completedFuture(HistoryApi.readersBusy());
            }
        }
        // A store that does not answer is 503, as for every history read.
        return answer.exceptionally(HistoryApi::unavailable).thenApplyAsync(response -> response, executor);
    }

    /** What a timelapse request asked for, read from its query. */
    private record Request(int frames, int fps, int scale, String from, String to, String region) {

        TimelapsePlan plannedWith(HistoryReads.Range range, CanvasSettings canvas) {
            return TimelapsePlan.of(range, from, to, frames, fps, region, scale, canvas.width(), canvas.height());
        }
    }

    /** Plans {@code request} over {@code range} and renders it; a plan refused is answered 400 or 422 at once. */
    private CompletableFuture<FullHttpResponse> planAndRender(Request request, HistoryReads.Range range) {
        TimelapsePlan plan;
        try {
            plan = request.plannedWith(range, config);
        } catch (TimelapsePlan.BudgetExceeded over) {
            return CompletableFuture.completedFuture(overBudget(over));
        } catch (IllegalArgumentException bad) {
            return CompletableFuture.completedFuture(Responses.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST",
                bad.getMessage()));
        }
        return renderLater(plan);
    }

    /** Renders {@code plan} on the renderer (one at a time: another asked for meanwhile is 503 BUSY). */
    private CompletableFuture<FullHttpResponse> renderLater(TimelapsePlan plan) {
        try {
            return CompletableFuture.supplyAsync(() -> render(plan), renderer);
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.completedFuture(Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "BUSY",
                "this node is making another timelapse; try again when it is done"));
        }
    }

    private static String text(QueryParameters query, String name) {
        return query.has(name) ? query.text(name) : null;
    }

    private FullHttpResponse render(TimelapsePlan plan) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIME_BUDGET_S);
        BoundedBytes gif = new BoundedBytes();
        try {
            timelapse.gif(plan, gif, (done, total) -> {
                if (done < total && System.nanoTime() > deadline) {
                    throw new TimelapsePlan.BudgetExceeded("TIME_BUDGET", "the timelapse took over "
                        + TIME_BUDGET_S + " s after " + done + " of " + total + " frames; ask for fewer frames or a "
                        + "smaller region");
                }
            });
        } catch (TimelapsePlan.BudgetExceeded over) {
            return overBudget(over);
        } catch (IOException e) {
            // The encoder writes to memory: this is a fault, not a store that did not answer.
            throw new IllegalStateException("could not write the timelapse", e);
        }
        FullHttpResponse response = Responses.bytes(HttpResponseStatus.OK, gif.toByteArray(), "image/gif");
        response.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(plan) + "\"")
            .set("X-Timelapse-Frames", Integer.toString(plan.frames()))
            .set("X-Timelapse-From", Instant.ofEpochMilli(plan.fromMs()).toString())
            .set("X-Timelapse-To", Instant.ofEpochMilli(plan.toMs()).toString());
        return response;
    }

    /** {@code distri-place-2026-11-30T2015-2026-11-30T2315.gif}: sorts by time, and is a valid name everywhere. */
    static String fileName(TimelapsePlan plan) {
        return "distri-place-" + minute(plan.fromMs()) + "-" + minute(plan.toMs()) + ".gif";
    }

    private static String minute(long ms) {
        return Instant.ofEpochMilli(ms).toString().substring(0, 16).replace(":", "");
    }

    private static FullHttpResponse overBudget(TimelapsePlan.BudgetExceeded over) {
        return Responses.error(HttpResponseStatus.UNPROCESSABLE_ENTITY, over.budget(), over.getMessage());
    }

    /** The GIF as it is written, refusing to grow past {@link #SIZE_BUDGET_BYTES}. */
    private static final class BoundedBytes extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            check(length);
            super.write(bytes, offset, length);
        }

        @Override
        public synchronized void write(int value) {
            check(1);
            super.write(value);
        }

        private void check(int more) {
            if (count + (long) more > SIZE_BUDGET_BYTES) {
                throw new TimelapsePlan.BudgetExceeded("SIZE_BUDGET", "the timelapse grew past "
                    + (SIZE_BUDGET_BYTES >> 20) + " MB; ask for fewer frames, a smaller region or scale");
            }
        }
    }
}
