package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.distriplace.core.api.ClientIdentity.Identity;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.engine.Engine;
import org.distriplace.core.engine.EngineStatus;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.node.PlaceResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API every server serves, node or edge: the seed's {@code GET /canvas} and {@code POST /pixel}, the {@code /api/v1}
 * canvas and cluster endpoints, the operator's membership endpoint ({@link MembersApi}), the history
 * ({@link HistoryApi}), and the browser client's files. Every error is JSON
 * {@code {"error":{"code","message"}}}; nothing a client sends can throw past this handler.
 */
final class HttpApi extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Set<String> ROUTES = Set.of("/canvas", "/pixel", "/metrics", "/api/v1/canvas",
        "/api/v1/canvas/info", "/api/v1/cluster", "/api/v1/shards");

    private final Engine engine;
    private final CanvasEncodings encodings;
    private final MembersApi members;
    private final HistoryApi history;
    private final HealthApi health;
    private final Supplier<String> metrics;
    private final ClientIdentity identities;
    private final ClientPolicy policy;
    private final AuthApi auth;
    private final ModerationApi moderation;

    /**
     * @param members the operator's membership endpoint, or null where no secret is configured
     * @param history the history endpoints, or null where the node keeps no history
     * @param metrics Prometheus' text for {@code GET /metrics}, or null where the node keeps no metrics
     */
    HttpApi(Engine engine, CanvasEncodings encodings, MembersApi members, HistoryApi history, HealthApi health,
            Supplier<String> metrics, ClientPolicy policy, AuthApi auth, ModerationApi moderation) {
        this.engine = engine;
        this.auth = auth;
        this.moderation = moderation;
        this.policy = policy;
        this.identities = policy.identities();
        this.health = health;
        this.metrics = metrics;
        this.encodings = encodings;
        this.members = members;
        this.history = history;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, false, Responses.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", "malformed HTTP request"),
                Optional.empty());
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        Identity identity = identities.of(request.headers(), ClientAddress.of(ctx),
            method.equals(HttpMethod.GET) && StaticFiles.isPage(path));
        CompletableFuture<FullHttpResponse> response;
        if (HealthApi.serves(path)) {
            response = health.handle(method, path, ctx.executor());
        } else if (MembersApi.serves(path)) {
            response = members != null ? members.handle(method, path, request, ctx.executor())
                : CompletableFuture.completedFuture(notFound(path));
        } else if (HistoryApi.serves(path)) {
            response = history != null ? history.handle(method, request.uri(), ctx.executor())
                : CompletableFuture.completedFuture(notFound(path));
        } else if (ModerationApi.serves(path)) {
            response = moderation.handle(method, path, request, identity, ctx.executor());
        } else if (AuthApi.serves(path)) {
            response = auth.handle(method, path, request, identity, ClientAddress.of(ctx), ctx.executor());
        } else if (method.equals(HttpMethod.POST) && path.equals("/pixel")) {
            // Every attempt counts against the address's rate, before anything else is looked at.
            response = !policy.placements().tryTake(ClientAddress.of(ctx))
                ? CompletableFuture.completedFuture(policy.rateLimited())
                : identity.forged() ? CompletableFuture.completedFuture(badSession(identity.offersSession()))
                : placePixel(request, identity.userId(), ctx);
        } else if (!method.equals(HttpMethod.GET)) {
            response = CompletableFuture.completedFuture(ROUTES.contains(path)
                ? Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                    method + " is not allowed on " + path)
                : notFound(path));
        } else {
            response = get(path, request, ctx);
        }
        // Sessions are offered with the page (a browser loads it first) and with the refusal of a forged one; never
        // with a probe, a read or a placement: health checks and scrapers at a players' address do not spend its
        // budget, a client keeps one identity while it places, and one that drops cookies stays its address.
        Optional<String> offer = identity.setCookie();
        // Every answer is complete on this channel's event loop by now, or will be: never on the node's thread.
        response.whenComplete((answer, failure) -> send(ctx, keepAlive, answer != null ? answer
            : internalError(failure), offer));
    }

    /**
     * A placement under a session this cluster did not issue: refused, whatever it asked.
     *
     * @param offered whether a new session comes with the refusal (else the bad one is removed: the address's
     *                budget of new sessions for this hour is spent)
     */
    static FullHttpResponse badSession(boolean offered) {
        return Responses.error(HttpResponseStatus.UNAUTHORIZED, "BAD_SESSION", "this session was not issued by this "
            + "cluster (made up, altered, or expired); " + (offered ? "a new one comes with this answer: place again "
            + "with it" : "this address has had all its new sessions for this hour, so the bad one is removed: place "
            + "again to play as your address"));
    }

    /** Canvas reads come from the server's latest published view, encoded once per view for every reader. */
    private CompletableFuture<FullHttpResponse> get(String path, FullHttpRequest request, ChannelHandlerContext ctx) {
        switch (path) {
            case "/canvas":
                return CompletableFuture.completedFuture(CanvasReads.answer(encodings.pixels(), request,
                    Responses.JSON_TYPE));
            case "/api/v1/canvas":
                return CompletableFuture.completedFuture(CanvasReads.answer(encodings.binary(), request,
                    HttpHeaderValues.APPLICATION_OCTET_STREAM));
            case "/api/v1/canvas/info":
                return CompletableFuture.completedFuture(Responses.json(HttpResponseStatus.OK,
                    CanvasViews.info(engine.settings())));
            case "/api/v1/cluster":
                // A node stopping (the app quits, or joins another cluster) no longer reports: say so, plainly.
                return engine.status().handleAsync((status, stopped) -> status != null
                    ? Responses.json(HttpResponseStatus.OK, cluster(status))
                    : Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "NOT_READY", "server " + engine.id()
                        + " is stopping"), ctx.executor());
            case "/api/v1/shards":
                return engine.status().handleAsync((status, stopped) -> {
                    if (status == null) {
                        return Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "NOT_READY", "server "
                            + engine.id() + " is stopping");
                    }
                    ObjectNode body = Responses.JSON.createObjectNode();
                    status.describeShards(body);
                    return Responses.json(HttpResponseStatus.OK, body);
                }, ctx.executor());
            case "/metrics":
                // Scraped on this event loop: a registry of a few hundred lines renders in well under a millisecond.
                return CompletableFuture.completedFuture(metrics == null ? notFound(path)
                    : Responses.bytes(HttpResponseStatus.OK, metrics.get().getBytes(StandardCharsets.UTF_8),
                        "text/plain; version=0.0.4; charset=utf-8"));
            case "/pixel":
                return CompletableFuture.completedFuture(Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "METHOD_NOT_ALLOWED", "place a pixel with POST /pixel"));
            default:
                return CompletableFuture.completedFuture(StaticFiles.find(path)
                    .map(file -> Responses.bytes(HttpResponseStatus.OK, file.bytes(), file.contentType()))
                    .orElseGet(() -> notFound(path)));
        }
    }

    private CompletableFuture<FullHttpResponse> placePixel(FullHttpRequest request, String user,
                                                           ChannelHandlerContext ctx) {
        JsonNode body;
        try {
            body = Responses.JSON.readTree(new ByteBufInputStream(request.content()));
        } catch (IOException e) {
            return badRequest("the body is not valid JSON");
        }
        Optional<PixelRequest> pixel = PixelRequest.parse(body);
        if (pixel.isEmpty()) {
            return badRequest(PixelRequest.SHAPE);
        }
        Optional<Color> color = Color.parse(pixel.get().color());
        if (color.isEmpty()) {
            return CompletableFuture.completedFuture(Responses.placeError(new PlaceException(PlaceError.BAD_COLOR,
                "'" + pixel.get().color() + "' is not a #RRGGBB colour")));
        }
        return engine.place(user, pixel.get().x(), pixel.get().y(), color.get())
            .handleAsync((result, failure) -> result != null ? committed(result) : placeFailure(failure),
                ctx.executor());
    }

    private static FullHttpResponse committed(PlaceResult result) {
        ObjectNode body = Responses.JSON.createObjectNode().put("status", "committed")
            .put("x", result.write().x()).put("y", result.write().y()).put("color", result.write().color().hex())
            .put("user", result.write().user()).put("leader", result.write().nodeId())
            .put("nextPlacement", result.nextPlacementAt())
            .put("remainingMs", WebSocketSession.remainingMs(result.nextPlacementAt()));
        return Responses.json(HttpResponseStatus.OK, body);
    }

    private static FullHttpResponse placeFailure(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        return cause instanceof PlaceException refused ? Responses.placeError(refused) : internalError(cause);
    }

    private ObjectNode cluster(EngineStatus status) {
        ObjectNode body = Responses.JSON.createObjectNode();
        status.describeCluster(body);
        CanvasSettings canvas = engine.settings();
        ObjectNode settings = body.putObject("settings").put("cooldownMs", canvas.cooldownMs())
            .put("background", canvas.palette().backgroundIndex());
        canvas.palette().colors().forEach(color -> settings.withArray("palette").add(color.hex()));
        auth.moderators().stream().sorted().forEach(settings.putArray("moderators")::add);
        return body;
    }

    private static CompletableFuture<FullHttpResponse> badRequest(String message) {
        return CompletableFuture.completedFuture(Responses.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST",
            message));
    }

    private static FullHttpResponse notFound(String path) {
        return Responses.error(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "nothing at " + path);
    }

    private static FullHttpResponse internalError(Throwable failure) {
        LOG.error("request failed", failure);
        return Responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "the node failed to answer");
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response,
                             Optional<String> setCookie) {
        if (!response.headers().contains(HttpHeaderNames.SET_COOKIE)) {
            // An answer that sets the session itself (a login, a logout) is not offered a guest's besides.
            setCookie.ifPresent(cookie -> response.headers().add(HttpHeaderNames.SET_COOKIE, cookie));
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
