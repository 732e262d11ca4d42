package org.distriplace.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.distriplace.core.engine.Engine;
import org.distriplace.core.engine.EngineStatus;

/**
 * {@code GET /healthz} (the process answers: 200 while it runs) and {@code GET /readyz} (200 when this server can
 * serve players, as its engine says: a node is a member of the cluster, caught up, with a leader it can reach; an
 * edge reaches Redis and Kafka and its canvas is whole; 503 with the reasons otherwise),
 * for service managers, load balancers and monitoring. Both are JSON.
 */
final class HealthApi {

    static final String HEALTH = "/healthz";
    static final String READY = "/readyz";

    private final Engine engine;
    private final LongSupplier clock;
    private final long startedMs;

    HealthApi(Engine engine, LongSupplier clock) {
        this.engine = engine;
        this.clock = clock;
        this.startedMs = clock.getAsLong();
    }

    static boolean serves(String path) {
        return path.equals(HEALTH) || path.equals(READY);
    }

    CompletableFuture<FullHttpResponse> handle(HttpMethod method, String path, Executor executor) {
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            return CompletableFuture.completedFuture(Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                "METHOD_NOT_ALLOWED", method + " is not allowed on " + path + "; use GET"));
        }
        if (path.equals(HEALTH)) {
            return CompletableFuture.completedFuture(Responses.json(HttpResponseStatus.OK,
                Responses.JSON.createObjectNode().put("status", "up").put("nodeId", engine.id())
                    .put("uptimeSeconds", (clock.getAsLong() - startedMs) / 1000)));
        }
        return engine.status().handleAsync((status, stopped) -> {
            ObjectNode body = status != null ? readiness(engine.id(), status)
                : notReady(engine.id(), List.of("the server is stopping"));
            return Responses.json(body.path("ready").asBoolean() ? HttpResponseStatus.OK
                : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
        }, executor);
    }

    /** Whether the engine can serve players, and if not, why (each reason a sentence), with what it adds. */
    static ObjectNode readiness(int id, EngineStatus status) {
        ObjectNode body = notReady(id, status.reasons()).put("ready", status.ready());
        status.describeReadiness(body);
        return body;
    }

    private static ObjectNode notReady(int nodeId, List<String> reasons) {
        ObjectNode body = Responses.JSON.createObjectNode().put("ready", false).put("nodeId", nodeId);
        ArrayNode list = body.putArray("reasons");
        reasons.forEach(list::add);
        return body;
    }
}
