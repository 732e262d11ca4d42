package org.distriplace.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.model.Color;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.testing.Await;
import org.distriplace.edge.testing.RedisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two edges over a Redis Cluster of three masters (Kafka and PostgreSQL from the shared stack): the canvas's bands
 * spread over the masters, placements on one edge reach the other, and the cooldown (in another slot than the
 * band) still holds across edges.
 */
class RedisClusterEdgeTest {

    private static SharedStack stack;

    @RegisterExtension
    static final BeforeAllCallback STACK = (ExtensionContext context) -> stack = SharedStack.of(context);

    @Test
    void edgesPaintOnACanvasSpreadOverAClusterAndTheCooldownHoldsAcrossThem() throws Exception {
        assumeTrue(RedisCluster.installed(), "redis-server is not installed (apt-get install redis-server)");
        try (RedisCluster cluster = RedisCluster.start(Path.of("target", "redis-cluster-"
            + ProcessHandle.current().pid()), 3)) {
            EdgeSettings local = TwoEdges.settings(stack, SharedStack.namespace("cluster"), 64, 64, 60_000);
            EdgeSettings settings = new EdgeSettings(cluster.uris(), local.kafka(), local.postgres(),
                local.postgresUser(), "", local.namespace(), local.canvas());
            try (EdgeServer first = EdgeServer.start(settings, "127.0.0.1", 0, ServerOptions.defaults(),
                     new ClusterSecret(TwoEdges.KEY));
                 EdgeServer second = EdgeServer.start(settings, "127.0.0.1", 0, ServerOptions.defaults(),
                     new ClusterSecret(TwoEdges.KEY))) {
                Await.until("both edges ready", Duration.ofSeconds(30), () -> ready(first) && ready(second));
                for (int node = 0; node < cluster.size(); node++) {
                    assertTrue(cluster.keys(node) > 0, "the bands spread over every master: node " + node);
                }
                Color red = Color.of("#FF4500");
                for (int y = 0; y < 64; y += 8) {
                    first.engine().place("player-" + y, 3, y, red).get();
                }
                Await.until("every band's pixel on the other edge", Duration.ofSeconds(10), () -> {
                    for (int y = 0; y < 64; y += 8) {
                        if (!second.engine().view().canvas().colorAt(3, y).equals(red)) {
                            return false;
                        }
                    }
                    return true;
                });
                try {
                    second.engine().place("player-0", 9, 9, red).get();
                    throw new AssertionError("placed twice within a cooldown");
                } catch (ExecutionException refused) {
                    assertEquals(PlaceError.COOLDOWN, ((PlaceException) refused.getCause()).code());
                }
            }
        }
    }

    private static boolean ready(EdgeServer edge) {
        return edge.engine().status().join().ready();
    }
}
