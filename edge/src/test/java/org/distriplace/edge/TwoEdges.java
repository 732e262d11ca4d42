package org.distriplace.edge;

import java.net.URI;
import java.util.List;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.model.Palette;
import org.distriplace.core.net.ClusterSecret;

/** Edges of one canvas over the shared stack, in a namespace of their own, for tests. */
final class TwoEdges implements AutoCloseable {

    static final String KEY = "edge-test-key";

    final EdgeSettings settings;
    final EdgeServer first;
    final EdgeServer second;

    TwoEdges(SharedStack stack, String namespace, int width, int height, long cooldownMs) throws Exception {
        this(stack, namespace, width, height, cooldownMs, ServerOptions.defaults());
    }

    TwoEdges(SharedStack stack, String namespace, int width, int height, long cooldownMs, ServerOptions options)
        throws Exception {
        this.settings = settings(stack, namespace, width, height, cooldownMs);
        this.first = start(settings, options);
        this.second = start(settings, options);
    }

    static EdgeSettings settings(SharedStack stack, String namespace, int width, int height, long cooldownMs) {
        return new EdgeSettings(List.of(URI.create(stack.conf("redis"))), stack.conf("kafka"),
            stack.conf("postgres"), stack.conf("postgres-user"), "", namespace,
            new CanvasSettings(width, height, Palette.rPlace2022(), cooldownMs));
    }

    static EdgeServer start(EdgeSettings settings, ServerOptions options) throws InterruptedException {
        return EdgeServer.start(settings, "127.0.0.1", 0, options, new ClusterSecret(KEY));
    }

    static String base(EdgeServer edge) {
        return "http://127.0.0.1:" + edge.port();
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}
