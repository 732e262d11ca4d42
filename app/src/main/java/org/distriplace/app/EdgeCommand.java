package org.distriplace.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distriplace.app.runtime.EdgeMetrics;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.edge.EdgeServer;
import org.distriplace.edge.EdgeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distri-place edge}: a stateless HTTP/WebSocket server over Redis, Kafka and PostgreSQL. */
@Command(name = "edge", header = "Run a stateless edge over Redis, Kafka and PostgreSQL (seed 2's architecture).",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Serves the same HTTP and WebSocket API and browser page as a node, over",
        "seed 2's services instead of the peer protocol: Redis holds the canvas",
        "and the cooldowns and fans placements out to every edge, Kafka logs",
        "every placement before its player hears success, PostgreSQL keeps the",
        "history and the accounts. Any number of edges run side by side; start",
        "the services on one machine with `distri-place stack up --dir DIR`,",
        "then `distri-place edge --config DIR/edge.conf`.",
        "",
    })
public final class EdgeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeCommand.class);

    @CommandLine.Mixin
    BackendOptions backends = new BackendOptions();

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP/WebSocket port (default: "
        + "${DEFAULT-VALUE}; 0 picks a free one).")
    int httpPort;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: "
        + "${DEFAULT-VALUE}).")
    String bind;

    @CommandLine.Mixin
    SecretOptions secrets = new SecretOptions();

    @CommandLine.Mixin
    ServerLimitOptions limits = new ServerLimitOptions();

    @Option(names = "--config", paramLabel = "FILE", description = "Settings for every option above, one "
        + "key = value a line (the edge.conf `stack up` writes); options given here and DISTRI_PLACE_* environment "
        + "variables win over it.")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine command = spec.commandLine();
        EdgeSettings settings = backends.settings(command, System.getenv(), true);
        var options = limits.serverOptions(command);
        secrets.check(command, bind, "an edge");
        try (Foreground life = Foreground.untilStopped();
             EdgeServer edge = EdgeServer.start(settings, bind, httpPort, options, new ClusterSecret(secrets.secret),
                 new EdgeMetrics())) {
            command.getOut().printf("edge %d: http://%s:%d/  canvas %dx%d  namespace %s%n", edge.engine().id(),
                bind.equals("0.0.0.0") ? "127.0.0.1" : bind, edge.port(), settings.canvas().width(),
                settings.canvas().height(), settings.namespace());
            command.getOut().flush();
            life.await();
            LOG.info("edge {} stopping", edge.engine().id());
        }
        return 0;
    }
}
