package org.distriplace.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.distriplace.core.event.Liveness;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.runtime.Node;

/**
 * {@code GET /healthz} (the process answers: 200 while it runs) and {@code GET /readyz} (200 when this node can
 * serve players: a member of the cluster, caught up, with a leader it can reach; 503 with the reasons otherwise),
 * for service managers, load balancers and monitoring. Both are JSON.
 */
final class HealthApi {

    static final String HEALTH = "/healthz";
    static final String READY = "/readyz";

    private final Node node;
    private final LongSupplier clock;
    private final long startedMs;
    private volatile Supplier<List<String>> conflicts = List::of;

    HealthApi(Node node, LongSupplier clock) {
        this.node = node;
        this.clock = clock;
        this.startedMs = clock.getAsLong();
    }

    /** Where {@code /readyz} learns of peers refused for settings that differ ({@code "conflicts"}). */
    void conflicts(Supplier<List<String>> source) {
        this.conflicts = source;
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
                Responses.JSON.createObjectNode().put("status", "up").put("nodeId", node.id())
                    .put("uptimeSeconds", (clock.getAsLong() - startedMs) / 1000)));
        }
        return node.report().handleAsync((report, stopped) -> {
            ObjectNode body = report != null ? readiness(report, conflicts.get())
                : notReady(node.id(), List.of("the node is stopping"));
            return Responses.json(body.path("ready").asBoolean() ? HttpResponseStatus.OK
                : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
        }, executor);
    }

    /** Whether the node reported can serve players, and if not, why (each reason a sentence). */
    static ObjectNode readiness(NodeReport report) {
        return readiness(report, List.of());
    }

    /**
     * As {@link #readiness(NodeReport)}, with the peers refused because their settings differ: listed in
     * {@code "conflicts"} always, and among the reasons when the node cannot serve (they are likely why).
     */
    static ObjectNode readiness(NodeReport report, List<String> conflicts) {
        List<String> reasons = new ArrayList<>();
        if (report.removed()) {
            reasons.add("removed from the cluster (it left, or an operator removed it) and staying out: start it with "
                + "--rejoin to ask to join again");
        } else if (!report.member()) {
            reasons.add("not a member of the cluster yet: waiting to be admitted");
        }
        if (!report.ready()) {
            reasons.add("catching up with the cluster");
        }
        if (!leaderReachable(report)) {
            reasons.add("no leader known (an election is under way, or no majority is reachable)");
        }
        boolean ready = reasons.isEmpty();
        if (!ready) {
            reasons.addAll(conflicts);
        }
        ObjectNode body = notReady(report.nodeId(), reasons).put("ready", ready)
            .put("member", report.member()).put("caughtUp", report.ready()).put("role", report.role().name())
            .put("epoch", report.epoch());
        if (report.leaderId() != 0) {
            body.put("leaderId", report.leaderId());
        } else {
            body.putNull("leaderId");
        }
        conflicts.forEach(body.putArray("conflicts")::add);
        return body;
    }

    /** A leader this node names, and either is (and has finished taking over) or does not think dead. */
    private static boolean leaderReachable(NodeReport report) {
        if (report.leaderId() == 0) {
            return false;
        }
        if (report.leaderId() == report.nodeId()) {
            return report.leaderActive();
        }
        NodeReport.PeerView leader = report.peers().get(report.leaderId());
        return leader != null && leader.liveness() != Liveness.DEAD;
    }

    private static ObjectNode notReady(int nodeId, List<String> reasons) {
        ObjectNode body = Responses.JSON.createObjectNode().put("ready", false).put("nodeId", nodeId);
        ArrayNode list = body.putArray("reasons");
        reasons.forEach(list::add);
        return body;
    }
}
